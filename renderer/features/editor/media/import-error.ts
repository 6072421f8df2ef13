import {
  MAX_DIMENSION,
  MAX_DURATION_MS,
  MAX_FILE_BYTES,
  formatBytes,
  formatDuration,
} from './limits'

/** Why a file was refused. Stable strings: the UI and tests key on them. */
export type MediaImportErrorCode =
  | 'empty'
  | 'too-large'
  | 'too-long'
  | 'too-many-pixels'
  | 'not-media'
  | 'corrupt'
  | 'unsupported-codec'
  | 'storage-full'
  | 'storage-failed'

export interface RefusalDetail {
  /** Bytes, milliseconds or "W×H", depending on the code. */
  readonly actual?: string
  /** The codec name (or "unknown") for unsupported-codec. */
  readonly codec?: string
  /** "video" or "audio", for unsupported-codec. */
  readonly track?: 'video' | 'audio'
}

/** The user-facing sentence: names the file, says what is wrong and, where it helps, what to do. */
export function refusalMessage(
  fileName: string,
  code: MediaImportErrorCode,
  detail: RefusalDetail = {},
): string {
  const name = `“${fileName}”`
  switch (code) {
    case 'empty':
      return `${name} is empty (0 bytes), so there is nothing to import.`
    case 'too-large':
      return `${name} is ${detail.actual ?? 'too large'}; files up to ${formatBytes(MAX_FILE_BYTES)} can be imported. Trim or compress it first.`
    case 'too-long':
      return `${name} is ${detail.actual ?? 'too long'} long; clips up to ${formatDuration(MAX_DURATION_MS)} can be imported. Trim it first.`
    case 'too-many-pixels':
      return `${name} is ${detail.actual ?? 'too large'} pixels; up to ${MAX_DIMENSION}×${MAX_DIMENSION} can be imported.`
    case 'not-media':
      return `${name} is not a video, audio or image file this app can read (MP4, MOV, WebM, MKV, MP3, M4A, WAV, OGG, PNG, JPEG, WebP).`
    case 'corrupt':
      return `${name} looks damaged or incomplete (for example an interrupted copy) and cannot be read.`
    case 'unsupported-codec':
      return `${name} uses ${detail.track ?? 'a'} codec ${detail.codec && detail.codec !== 'unknown' ? `“${detail.codec}”` : 'that is not recognised'}, which this device cannot decode. Convert it to H.264/AAC MP4 first.`
    case 'storage-full':
      return `${name} cannot be stored: there is not enough free space for this app on this device.`
    case 'storage-failed':
      return `${name} could not be saved on this device.`
  }
}

/** A refused import: `code` for programs, `message` (naming the file) for people. */
export class MediaImportError extends Error {
  override readonly name = 'MediaImportError'
  constructor(
    readonly code: MediaImportErrorCode,
    readonly fileName: string,
    detail: RefusalDetail = {},
    options?: { cause?: unknown },
  ) {
    super(refusalMessage(fileName, code, detail), options)
  }
}
