import {
  ALL_FORMATS,
  BlobSource,
  EncodedPacketSink,
  Input,
  VideoSampleSink,
  type VideoSample,
} from 'mediabunny'
import type { Rect } from '../../../../shared/timeline'
import { keptRegion, type FrameCache, type KeptRegion } from './frame-cache'
import { FrameWindow } from './frame-window'

/**
 * How far ahead a request may jump and always be read by decoding on from the last frame (each
 * frame on the way comes through this reader one by one). Farther, in another GOP, a restart is
 * faster: the decoder skips to the target on its own, dropping frames as it goes (see restart).
 */
const READ_ON_SEC = 0.5
/**
 * On a seek, frames this far before the target come through the reader into the window (so a few
 * steps back decode nothing); earlier ones, from the keyframe on, are decoded and dropped inside
 * the decoder's output callback without passing through this reader.
 */
const KEEP_BEHIND_SEC = 0.34
/** Decoded frames kept around the playhead: at most this many bytes of them (4–30 frames). */
const WINDOW_BYTES = 96 * 1024 * 1024

/**
 * Decoded frames of one media file (mediabunny over WebCodecs), read in place from its Blob.
 * Like the export (tpad=stop_mode=clone), a time past the last frame gives the last frame.
 * Playback asks for times in order: those are read by decoding on from the last frame (each
 * packet decoded once), not by seeking — a seek decodes from the last keyframe, which at a
 * phone's two-second GOP is up to 60 frames for every one shown. Frames read are kept in a small
 * window around the playhead (on a seek, the last ~10 before the target too), so scrubbing back
 * over them or stepping backwards decodes nothing.
 */
export class VideoFrameSource {
  private reader: AsyncGenerator<VideoSample, void, unknown> | null = null
  /** The last frame read (shown at times from its timestamp) and the one after it. */
  private current: VideoSample | null = null
  private upcoming: VideoSample | null = null
  private ended = false
  private readonly window: FrameWindow<VideoSample>
  /** The time last asked for: the window keeps the frames nearest to it. */
  private near = 0
  /** Frames decoded ahead at the preview's size (frame-cache.ts), if this source has them. */
  private cache: FrameCache | null = null
  private closed = false

  private constructor(
    private readonly input: Input,
    private readonly sink: VideoSampleSink,
    private readonly packets: EncodedPacketSink,
    private readonly firstSec: number,
    frameBytes: number,
  ) {
    this.window = new FrameWindow(
      Math.max(4, Math.min(30, Math.floor(WINDOW_BYTES / Math.max(1, frameBytes)))),
    )
  }

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
    return new VideoFrameSource(
      input,
      new VideoSampleSink(track),
      new EncodedPacketSink(track),
      await track.getFirstTimestamp(),
      // 4:2:0 frames, as decoders hand them out.
      (await track.getCodedWidth()) * (await track.getCodedHeight()) * 1.5,
    )
  }

  /**
   * Keeps this source's frames in `cache` (decoded ahead while the preview is idle) and shows
   * them where a frame is drawn no larger than the cache keeps it.
   */
  useCache(cache: FrameCache): void {
    if (this.cache === cache) return
    this.cache = cache
    void cache.fill(this.sink, this.firstSec, () => this.closed)
  }

  /**
   * The frame shown at `sec`; the first frame for times before it. The caller closes it.
   * `shown`: the part of the source drawn and how large (drawn over its own size): a kept copy
   * is used only if it holds that part at least that large.
   */
  async sampleAt(sec: number, shown?: { region: Rect; scale: number }): Promise<VideoSample> {
    const t = Math.max(sec, this.firstSec)
    const kept = shown ? this.cache?.sampleAt(t, shown.region, shown.scale) : null
    if (kept) return kept
    this.near = t
    const near = this.window.find(t)
    if (near) return near.clone()
    const current = this.current
    if (!current || t < current.timestamp || !(await this.readOnReaches(current.timestamp, t))) {
      await this.restart(t)
    }
    while (this.upcoming && this.upcoming.timestamp <= t) {
      this.current?.close()
      this.current = this.upcoming
      this.upcoming = await this.read()
    }
    if (!this.current) throw new Error(`no video frame at ${sec.toFixed(3)} s`)
    return this.current.clone()
  }

  /**
   * Whether reading on from `fromSec` to `t` decodes no more than a restart would: near, or in the
   * same GOP (a restart decodes from t's keyframe, which is then at or before `fromSec`). Playback
   * that falls behind (frames asked for far apart) must not turn every frame into a seek.
   */
  private async readOnReaches(fromSec: number, t: number): Promise<boolean> {
    if (t <= fromSec + READ_ON_SEC) return true
    const key = await this.packets.getKeyPacket(t)
    return key !== null && key.timestamp <= fromSec
  }

  dispose(): void {
    this.closed = true
    void this.stop()
    this.window.clear()
    this.input.dispose()
  }

  private async restart(t: number): Promise<void> {
    await this.stop()
    // The decoder has to start at the keyframe before t. Measured (bench:editor's seek, a 1 s
    // GOP-less 3 s source): yielding every frame from the keyframe through this reader made a
    // seek 3.6× a one-frame step, as mediabunny then feeds the decoder only as fast as frames are
    // taken (8 queued) and each takes a round trip here; starting the reader just before t lets it
    // queue 40 packets and drop the early frames as they come out. The last few before t are
    // still kept in the window, up to the frame shown at t; then it reads on from there.
    this.ended = false
    const key = await this.packets.getKeyPacket(t)
    const from = Math.max(key ? Math.min(key.timestamp, t) : t, t - KEEP_BEHIND_SEC)
    this.reader = this.sink.samples(from)
    this.current = await this.read()
    this.upcoming = await this.read()
    while (this.upcoming && this.upcoming.timestamp <= t) {
      this.current?.close()
      this.current = this.upcoming
      this.upcoming = await this.read()
    }
  }

  private async read(): Promise<VideoSample | null> {
    if (!this.reader || this.ended) return null
    const next = await this.reader.next()
    if (next.done) {
      this.ended = true
      return null
    }
    this.window.add(next.value.clone(), this.near)
    return next.value
  }

  private async stop(): Promise<void> {
    const reader = this.reader
    this.reader = null
    this.current?.close()
    this.upcoming?.close()
    this.current = null
    this.upcoming = null
    await reader?.return().catch(() => undefined)
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
export function cropSample(sample: VideoSample, sourceCrop: Rect): CroppedImage {
  const crop = keptCrop(sourceCrop, keptRegion(sample), sample)
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

/**
 * A crop in the source's pixels, in a kept frame showing `region` of the source (frame-cache.ts),
 * inside the frame; the crop itself for a decoded frame.
 */
export function keptCrop(
  crop: Rect,
  region: KeptRegion | null,
  frame: { readonly displayWidth: number; readonly displayHeight: number },
): Rect {
  if (!region) return crop
  const x = Math.max(0, Math.round((crop.x - region.x) * region.scaleX))
  const y = Math.max(0, Math.round((crop.y - region.y) * region.scaleY))
  return {
    x,
    y,
    width: Math.max(1, Math.min(frame.displayWidth - x, Math.round(crop.width * region.scaleX))),
    height: Math.max(1, Math.min(frame.displayHeight - y, Math.round(crop.height * region.scaleY))),
  }
}
