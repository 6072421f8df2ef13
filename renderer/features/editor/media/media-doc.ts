import { mediaSchema, type MediaDoc } from '../../../../shared/data/collections/media'
import { codePointLength } from '../../../../shared/data/fields'
import { mediaInfoSchema, type MediaInfo } from '../../../../shared/timeline/media-info'
import type { ProbeResult } from './probe-result'

export interface MediaDocContext {
  readonly id: string
  readonly workspaceId: string
  /** Null = the workspace's shared library. */
  readonly accountId: string | null
  readonly now: number
}

const MAX_NAME = 255

/** Keeps the extension when a (rare) over-long name must be cut to the schema's 255 points. */
export function fitFileName(name: string): string {
  const trimmed = name.trim() || 'untitled'
  if (codePointLength(trimmed) <= MAX_NAME) return trimmed
  const points = [...trimmed]
  const dot = trimmed.lastIndexOf('.')
  const ext = dot > 0 ? [...trimmed.slice(dot)] : []
  const keep = ext.length > 0 && ext.length < 16 ? ext : []
  return points.slice(0, MAX_NAME - keep.length).join('') + keep.join('')
}

/**
 * The replicated `media` document: metadata only. The bytes stay in this device's storage
 * (see opfs-store.ts) and the thumbnail is local too until an upload gives it a shared ref, so
 * `thumbnailRef`/`remoteRef` start null and `sha256` is filled in by a later hashing pass.
 * Throws (zod) if the probe produced something the schema refuses: a bug, not a user error.
 */
export function buildMediaDoc(probe: ProbeResult, ctx: MediaDocContext): MediaDoc {
  const still = probe.kind === 'image'
  return mediaSchema.parse({
    id: ctx.id,
    workspaceId: ctx.workspaceId,
    updatedAt: ctx.now,
    _deleted: false,
    accountId: ctx.accountId,
    fileName: fitFileName(probe.fileName),
    kind: probe.kind,
    durationMs: still ? null : Math.round(probe.durationMs),
    width: probe.codedWidth,
    height: probe.codedHeight,
    fps: probe.fps,
    codecs: { video: probe.codecs.video, audio: probe.codecs.audio },
    rotation: probe.rotation,
    hasAudio: probe.hasAudio,
    sizeBytes: probe.sizeBytes,
    sha256: null,
    thumbnailRef: null,
    remoteRef: null,
    musicLicence: 'unknown',
  } satisfies MediaDoc)
}

const engineInfoSchema = mediaInfoSchema.omit({ fileName: true })
export type EngineMediaInfo = Omit<MediaInfo, 'fileName'>

/**
 * What the export engine needs (MediaSource.info), from a stored document. Audio has no
 * picture; the engine's schema wants positive sizes, and never reads them for audio inputs.
 */
export function engineInfoFromDoc(doc: MediaDoc): EngineMediaInfo {
  return engineInfoSchema.parse({
    width: doc.width || 1,
    height: doc.height || 1,
    durationMs: doc.durationMs ?? 0,
    hasAudio: doc.hasAudio,
    rotation: doc.rotation,
  })
}
