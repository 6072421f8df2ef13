import { CanvasSink, type InputVideoTrack } from 'mediabunny'
import { THUMBNAIL_WIDTH } from './limits'

const TYPE = 'image/webp'
const QUALITY = 0.75

/** WebP; a browser without a WebP encoder hands back PNG, which is still a valid thumbnail. */
export async function canvasToThumbnail(
  canvas: HTMLCanvasElement | OffscreenCanvas,
): Promise<Blob> {
  if (canvas instanceof OffscreenCanvas)
    return canvas.convertToBlob({ type: TYPE, quality: QUALITY })
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('canvas could not be encoded'))),
      TYPE,
      QUALITY,
    ),
  )
}

/**
 * A frame a little into the clip (openings are often black or a fade), upright (CanvasSink
 * applies the rotation metadata) and THUMBNAIL_WIDTH wide. Decoding it also proves the video
 * track really decodes, which the codec check alone cannot.
 */
export async function videoThumbnail(
  track: InputVideoTrack,
  startSeconds: number,
  durationSeconds: number,
): Promise<Blob | null> {
  const sink = new CanvasSink(track, { width: THUMBNAIL_WIDTH, poolSize: 1 })
  const at = startSeconds + Math.min(1, durationSeconds / 3)
  const frame = (await sink.getCanvas(at)) ?? (await sink.getCanvas(startSeconds))
  return frame ? canvasToThumbnail(frame.canvas) : null
}
