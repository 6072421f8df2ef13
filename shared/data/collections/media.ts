import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, blobRef, count, docId, sha256, text } from '../fields'
import { js, rxSchema } from '../json-schema'

export const MEDIA_KINDS = ['video', 'audio', 'image'] as const
export const ROTATIONS = [0, 90, 180, 270] as const
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
})

export type MediaDoc = z.infer<typeof mediaSchema>

const dimension = js.nullable(js.int(0, MAX_DIMENSION))

export const media = defineCollection<MediaDoc>({
  name: 'media',
  schema: mediaSchema,
  rxSchema: rxSchema({
    title: 'media',
    version: 0,
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
    },
  }),
  serverOwnedFields: [],
  accountScoped: true,
})
