import { MEDIA_MAX_FILE_BYTES } from '../../../../shared/ipc/media-files'

/**
 * What the import accepts. The export engine (ffmpeg.wasm) mounts inputs with WORKERFS, whose
 * reads go through a 32-bit wasm heap's File API; past 2 GiB offsets overflow, so a larger file
 * would import fine and then fail at export time. Refusing it at import says so up front. Main
 * (which stores the desktop's originals) refuses by the same number.
 */
export const MAX_FILE_BYTES = MEDIA_MAX_FILE_BYTES

/** Short-video studio: an hour covers any raw take a creator would cut down from. */
export const MAX_DURATION_MS = 60 * 60 * 1000

/** Chromium's WebCodecs decoders (and the `media` schema's 16384 cap) stop around 8K. */
export const MAX_DIMENSION = 8192

/** Thumbnail width in CSS pixels (list rows are ~80 px wide; 2× for high-DPI screens). */
export const THUMBNAIL_WIDTH = 160

/** Waveform resolution: one peak per bucket, enough for a list row or a timeline lane. */
export const WAVEFORM_BUCKETS = 200

export { formatBytes } from '../../../../shared/format-bytes'

/** "1:02:03", "4:05", "0:03": for messages and list rows. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`
}
