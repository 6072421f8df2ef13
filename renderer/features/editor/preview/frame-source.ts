import { ALL_FORMATS, BlobSource, Input, VideoSampleSink, type VideoSample } from 'mediabunny'
import type { Rect } from '../../../../shared/timeline'

/**
 * Decoded frames of one media file (mediabunny over WebCodecs), read in place from its Blob.
 * Like the export (tpad=stop_mode=clone), a time past the last frame gives the last frame.
 */
export class VideoFrameSource {
  private constructor(
    private readonly input: Input,
    private readonly sink: VideoSampleSink,
    private readonly firstSec: number,
  ) {}

  static async open(file: Blob): Promise<VideoFrameSource> {
    const input = new Input({ formats: ALL_FORMATS, source: new BlobSource(file) })
    const track = await input.getPrimaryVideoTrack()
    if (!track) {
      input.dispose()
      throw new Error('the file has no video track')
    }
    if (!(await track.canDecode())) {
      input.dispose()
      throw new Error('this browser cannot decode the video track')
    }
    return new VideoFrameSource(input, new VideoSampleSink(track), await track.getFirstTimestamp())
  }

  /** The frame shown at `sec`; the first frame for times before it. The caller closes it. */
  async sampleAt(sec: number): Promise<VideoSample> {
    const sample = await this.sink.getSample(Math.max(sec, this.firstSec))
    if (!sample) throw new Error(`no video frame at ${sec.toFixed(3)} s`)
    return sample
  }

  dispose(): void {
    this.input.dispose()
  }
}

export interface CroppedImage {
  readonly image: CanvasImageSource
  /** The crop inside `image`, in its pixels. */
  readonly rect: Rect
  close(): void
}

/**
 * The part of a decoded frame the clip uses. Unrotated square-pixel frames are cropped with
 * `new VideoFrame(frame, {visibleRect})` — no pixel copy (DESIGN §4); rotated or anamorphic
 * ones are first drawn upright at display size, since the crop is in displayed coordinates.
 */
export function cropSample(sample: VideoSample, crop: Rect): CroppedImage {
  const square = sample.pixelAspectRatio.num === sample.pixelAspectRatio.den
  if (sample.rotation === 0 && !sample.flip && square) {
    const frame = sample.toVideoFrame()
    try {
      const visible = frame.visibleRect
      const cropped = new VideoFrame(frame, {
        visibleRect: {
          x: (visible?.x ?? 0) + crop.x,
          y: (visible?.y ?? 0) + crop.y,
          width: crop.width,
          height: crop.height,
        },
      })
      return {
        image: cropped,
        rect: { x: 0, y: 0, width: crop.width, height: crop.height },
        close: () => cropped.close(),
      }
    } finally {
      frame.close()
    }
  }
  const upright = new OffscreenCanvas(sample.displayWidth, sample.displayHeight)
  const ctx = upright.getContext('2d')
  if (!ctx) throw new Error('no 2D context')
  sample.draw(ctx, 0, 0, sample.displayWidth, sample.displayHeight)
  return { image: upright, rect: crop, close: () => undefined }
}
