import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, count, docId, text, timestamp, userId } from '../fields'
import { js, rxSchema } from '../json-schema'

export const PRIVACY_LEVELS = ['public', 'friends', 'private'] as const
export const DISCLOSURE_KINDS = ['paid_partnership', 'promotional'] as const
export const APPROVAL_STATES = ['draft', 'pending', 'approved', 'rejected'] as const
export const PUBLISH_STATES = [
  'idle',
  'queued',
  'uploading',
  'processing',
  'published',
  'failed',
] as const
/** A hashtag without its '#': no whitespace, no '#', 1–100 characters. */
export const HASHTAG_PATTERN = /^[^\s#]{1,100}$/u
/** The platform's caption limit. */
export const MAX_CAPTION = 2200
export const MAX_HASHTAGS = 50
export const MAX_PRODUCT_TAGS = 20

const productTagSchema = z.strictObject({
  id: docId,
  productId: docId,
  /** Where in the video the product shows, in ms from its start. */
  atMs: count,
})

const approvalSchema = z.strictObject({
  state: z.enum(APPROVAL_STATES),
  /** Who approved or rejected it, and when (null while draft or pending). */
  by: userId.nullable(),
  at: timestamp.nullable(),
  note: text(2000).nullable(),
})

const publishSchema = z.strictObject({
  state: z.enum(PUBLISH_STATES),
  platformPostId: text(128, 1).nullable(),
  /** The platform's error, shown verbatim. */
  error: text(4000).nullable(),
  publishedAt: timestamp.nullable(),
})

/**
 * A post draft, its approval and (server-written) publish state. `privacy` has no default on
 * purpose: the compliant posting flow makes the user pick one, so null means "not chosen yet".
 * The video comes from the project's export (`projectId`) or a ready library item (`mediaId`).
 */
export const postSchema = z.strictObject({
  ...baseFields,
  accountId: docId,
  projectId: docId.nullable(),
  mediaId: docId.nullable(),
  caption: text(MAX_CAPTION),
  hashtags: z
    .array(z.string().regex(HASHTAG_PATTERN, 'must be a hashtag without #'))
    .max(MAX_HASHTAGS),
  privacy: z.enum(PRIVACY_LEVELS).nullable(),
  allowComments: z.boolean(),
  allowDuet: z.boolean(),
  allowStitch: z.boolean(),
  disclosure: z.strictObject({
    commercial: z.boolean(),
    kind: z.enum(DISCLOSURE_KINDS).nullable(),
  }),
  musicConsent: z.boolean(),
  productTags: z.array(productTagSchema).max(MAX_PRODUCT_TAGS),
  scheduledAt: timestamp.nullable(),
  approval: approvalSchema,
  publish: publishSchema,
})

export type PostDoc = z.infer<typeof postSchema>
export type PublishState = z.infer<typeof publishSchema>

/** The publish state of a post nobody has tried to publish yet. */
export const IDLE_PUBLISH_STATE: PublishState = {
  state: 'idle',
  platformPostId: null,
  error: null,
  publishedAt: null,
}

export const posts = defineCollection<PostDoc>({
  name: 'posts',
  schema: postSchema,
  rxSchema: rxSchema({
    title: 'posts',
    version: 0,
    properties: {
      accountId: js.id(),
      projectId: js.nullable(js.id()),
      mediaId: js.nullable(js.id()),
      caption: js.string(MAX_CAPTION),
      hashtags: js.array(js.pattern(HASHTAG_PATTERN, 100), MAX_HASHTAGS),
      privacy: js.nullable(js.enum(PRIVACY_LEVELS)),
      allowComments: js.boolean(),
      allowDuet: js.boolean(),
      allowStitch: js.boolean(),
      disclosure: js.object({
        commercial: js.boolean(),
        kind: js.nullable(js.enum(DISCLOSURE_KINDS)),
      }),
      musicConsent: js.boolean(),
      productTags: js.array(
        js.object({ id: js.id(), productId: js.id(), atMs: js.count() }),
        MAX_PRODUCT_TAGS,
      ),
      scheduledAt: js.nullable(js.timestamp()),
      approval: js.object({
        state: js.enum(APPROVAL_STATES),
        by: js.nullable(js.userId()),
        at: js.nullable(js.timestamp()),
        note: js.nullable(js.string(2000)),
      }),
      publish: js.object({
        state: js.enum(PUBLISH_STATES),
        platformPostId: js.nullable(js.string(128, 1)),
        error: js.nullable(js.string(4000)),
        publishedAt: js.nullable(js.timestamp()),
      }),
    },
    indexes: [['accountId', 'updatedAt']],
  }),
  serverOwnedFields: ['publish'],
  serverOwnedDefaults: { publish: IDLE_PUBLISH_STATE },
  accountScoped: true,
})
