import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, blobRef, docId, text, timestamp } from '../fields'
import { js, rxSchema } from '../json-schema'
import { jsonLengthWithin } from '../json-size'

/** Serialized size cap for a timeline: generous for hours of clips, refuses runaway documents. */
export const MAX_TIMELINE_JSON_LENGTH = 1_000_000

/**
 * The timeline is only checked to be a JSON object of bounded size here: its model lives in
 * shared/timeline, which validates it where it is edited and compiled. Keeping it opaque lets
 * the timeline model evolve without a schema version bump of this collection.
 */
const timelineSchema = z
  .record(z.string(), z.unknown())
  // Measured without JSON.stringify, which recurses: a 5,000-deep value overflowed the stack
  // inside this refine and escaped safeParse as a 500.
  .refine((t) => jsonLengthWithin(t, MAX_TIMELINE_JSON_LENGTH), 'timeline is too large')

export const projectSchema = z.strictObject({
  ...baseFields,
  accountId: docId,
  title: text(200),
  timeline: timelineSchema,
  /** When the last render finished, and the uploaded file it produced (null before). */
  exportedAt: timestamp.nullable(),
  exportRef: blobRef.nullable(),
  /**
   * When it was moved to the trash (null: not trashed). Trashed projects are listed apart and
   * restorable; after PROJECT_TRASH_DAYS a client deletes them for good (a tombstone).
   */
  trashedAt: timestamp.nullable(),
})

export const PROJECT_TRASH_DAYS = 30

export type ProjectDoc = z.infer<typeof projectSchema>

export const projects = defineCollection<ProjectDoc>({
  name: 'projects',
  schema: projectSchema,
  rxSchema: rxSchema({
    title: 'projects',
    version: 1,
    properties: {
      accountId: js.id(),
      title: js.string(200),
      timeline: js.looseObject(),
      exportedAt: js.nullable(js.timestamp()),
      exportRef: js.nullable(js.blobRef()),
      trashedAt: js.nullable(js.timestamp()),
    },
    indexes: [['accountId', 'updatedAt']],
  }),
  // Version 1 added trashedAt; the server rewrote its stored projects the same way (0005).
  migrationStrategies: {
    1: (old) => ({ ...old, trashedAt: null }),
  },
  serverOwnedFields: [],
  accountScoped: true,
})
