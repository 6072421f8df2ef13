import type { MediaDoc } from '../../../../shared/data/collections/media'

export type MediaKind = MediaDoc['kind']
export type Rotation = MediaDoc['rotation']

/** Everything the import learns about a file, before it is stored. */
export interface ProbeResult {
  readonly kind: MediaKind
  readonly fileName: string
  readonly mimeType: string
  readonly sizeBytes: number
  /** 0 for still images. */
  readonly durationMs: number
  /** Stored (coded) picture size, as ffprobe reports it; null without a picture. */
  readonly codedWidth: number | null
  readonly codedHeight: number | null
  /** Size as shown: after pixel aspect ratio and rotation. */
  readonly displayWidth: number | null
  readonly displayHeight: number | null
  readonly fps: number | null
  readonly codecs: { readonly video: string | null; readonly audio: string | null }
  /** Clockwise display rotation from the container's matrix. */
  readonly rotation: Rotation
  readonly hasAudio: boolean
}

/** What the import produces besides the probe: small derived previews, kept on this device. */
export interface ImportPreviews {
  /** WebP (JPEG where WebP encoding is unavailable), THUMBNAIL_WIDTH wide; null for audio. */
  readonly thumbnail: Blob | null
  /** WAVEFORM_BUCKETS peaks in 0..1; null without audio. */
  readonly peaks: number[] | null
}
