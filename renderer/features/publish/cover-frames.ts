import { ALL_FORMATS, BlobSource, CanvasSink, Input } from 'mediabunny'
import { canvasToThumbnail } from '../editor/media/thumbnail'

/** Width of the live cover preview and of the filmstrip's frames, in pixels. */
const PREVIEW_WIDTH = 360
const STRIP_WIDTH = 72

export interface CoverFrames {
  /** The frame shown at `ms` into the video, as an object URL (the caller revokes it). */
  frameAt(ms: number): Promise<string | null>
  /** `count` frames spread over the video, each with its time. */
  filmstrip(count: number, durationMs: number): Promise<{ atMs: number; url: string }[]>
  close(): void
}

/**
 * Decodes cover frames from the post's video on this device, with the same library the media
 * import uses for thumbnails (upright: CanvasSink applies the rotation). Times are from the
 * video's first frame, as the platform's `video_cover_timestamp_ms` counts them.
 */
export async function openCoverFrames(file: Blob): Promise<CoverFrames | null> {
  const input = new Input({ formats: ALL_FORMATS, source: new BlobSource(file) })
  const track = await input.getPrimaryVideoTrack()
  if (!track) {
    input.dispose()
    return null
  }
  const start = Math.max(0, await input.getFirstTimestamp([track]))
  const preview = new CanvasSink(track, { width: PREVIEW_WIDTH, poolSize: 1 })
  const strip = new CanvasSink(track, { width: STRIP_WIDTH, poolSize: 1 })
  const url = async (canvas: HTMLCanvasElement | OffscreenCanvas) =>
    URL.createObjectURL(await canvasToThumbnail(canvas))
  return {
    async frameAt(ms) {
      const frame = (await preview.getCanvas(start + ms / 1000)) ?? (await preview.getCanvas(start))
      return frame ? url(frame.canvas) : null
    },
    async filmstrip(count, durationMs) {
      const times = Array.from(
        { length: count },
        (_, i) => Math.round(((i + 0.5) * durationMs) / count / 100) * 100,
      )
      const out: { atMs: number; url: string }[] = []
      let i = 0
      for await (const frame of strip.canvasesAtTimestamps(times.map((t) => start + t / 1000))) {
        const atMs = times[i++] ?? 0
        if (frame) out.push({ atMs, url: await url(frame.canvas) })
      }
      return out
    },
    close() {
      input.dispose()
    },
  }
}
