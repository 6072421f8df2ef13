import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, blobRef, count, docId, sha256, text } from '../fields'
import { js, rxSchema } from '../json-schema'

export const MEDIA_KINDS = ['video', 'audio', 'image'] as const
export const ROTATIONS = [0, 90, 180, 270] as const
/**
 * Whether a sound may be used in commercial content (branded posts, product tags): cleared for
 * commercial use, licensed for personal use only, or not known. The pre-publish checks read the
 * licence of a post's music (shared/publishing/music-licence.ts).
 */
export const MUSIC_LICENCES = ['commercial', 'personal', 'unknown'] as const
export type MusicLicence = (typeof MUSIC_LICENCES)[number]
const MAX_DIMENSION = 16_384

/**
 * A media item's probed metadata. The bytes stay on the device that imported them (their path
 * is device-local state); `remoteRef` points at the uploaded copy when there is one.
 * `accountId` null = the workspace's shared library (not visible to creator-role members).
 */
export const mediaSchema = z.strictObject({
  ...baseFields,
  accountId: docId.nullable(),
  fileName: text(255, 1),
  kind: z.enum(MEDIA_KINDS),
  /** Null for still images. */
  durationMs: count.nullable(),
  width: z.int().min(0).max(MAX_DIMENSION).nullable(),
  height: z.int().min(0).max(MAX_DIMENSION).nullable(),
  /** Frames per second (29.97 is common, so not an integer); null without video. */
  fps: z.number().min(0).max(1000).nullable(),
  codecs: z.strictObject({ video: text(64).nullable(), audio: text(64).nullable() }),
  /** Display rotation from the container metadata, in degrees clockwise. */
  rotation: z.literal(ROTATIONS),
  hasAudio: z.boolean(),
  sizeBytes: count,
  /** Null until hashed (hashing a large file runs after the import). */
  sha256: sha256.nullable(),
  thumbnailRef: blobRef.nullable(),
  remoteRef: blobRef.nullable(),
  /** Set by the person who imported it; every file starts as 'unknown'. */
  musicLicence: z.enum(MUSIC_LICENCES),
})

export type MediaDoc = z.infer<typeof mediaSchema>

/** Media schema 0 → 1: a licence nobody has stated is not known. Done documents are left alone. */
export function migrateMediaToV1(old: Record<string, unknown>): Record<string, unknown> {
  if (typeof old['musicLicence'] === 'string') return old
  return { ...old, musicLicence: 'unknown' }
}

const dimension = js.nullable(js.int(0, MAX_DIMENSION))

export const media = defineCollection<MediaDoc>({
  name: 'media',
  schema: mediaSchema,
  rxSchema: rxSchema({
    title: 'media',
    version: 1,
    properties: {
      accountId: js.nullable(js.id()),
      fileName: js.string(255, 1),
      kind: js.enum(MEDIA_KINDS),
      durationMs: js.nullable(js.count()),
      width: dimension,
      height: dimension,
      fps: js.nullable({ type: 'number', minimum: 0, maximum: 1000 }),
      codecs: js.object({ video: js.nullable(js.string(64)), audio: js.nullable(js.string(64)) }),
      rotation: { type: 'integer', enum: [...ROTATIONS] },
      hasAudio: js.boolean(),
      sizeBytes: js.count(),
      sha256: js.nullable(js.sha256()),
      thumbnailRef: js.nullable(js.blobRef()),
      remoteRef: js.nullable(js.blobRef()),
      musicLicence: js.enum(MUSIC_LICENCES),
    },
  }),
  // Version 1 added `musicLicence`; the server rewrote its stored media the same way (0018).
  migrationStrategies: { 1: (old) => migrateMediaToV1(old) },
  serverOwnedFields: [],
  accountScoped: true,
})
