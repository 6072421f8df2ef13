import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, blobRef, count, docId, sha256, text, timestamp, userId } from '../fields'
import { js, rxSchema } from '../json-schema'

/**
 * Who may see the post, as the platform's four `privacy_level` values (PLATFORM-FACTS): public =
 * PUBLIC_TO_EVERYONE, friends = MUTUAL_FOLLOW_FRIENDS, followers = FOLLOWER_OF_CREATOR,
 * private = SELF_ONLY ("Only me").
 */
export const PRIVACY_LEVELS = ['public', 'friends', 'followers', 'private'] as const
/** `direct` posts to the account; `inbox` sends a draft to the creator's inbox to finish there. */
export const PUBLISH_MODES = ['direct', 'inbox'] as const
/** `rejected` is shown as "Changes requested": the reviewer sent it back with a comment. */
export const APPROVAL_STATES = ['draft', 'pending', 'approved', 'rejected'] as const
export const PUBLISH_STATES = [
  'idle',
  'queued',
  'uploading',
  'processing',
  'published',
  'failed',
] as const
export const COMMENT_KINDS = ['comment', 'submitted', 'approved', 'changes_requested'] as const
/** A hashtag without its '#': no whitespace, no '#', 1–100 characters. */
export const HASHTAG_PATTERN = /^[^\s#]{1,100}$/u
/** IANA zone names ("Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC"). */
export const TIME_ZONE_PATTERN = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/
/** The platform's caption limit. */
export const MAX_CAPTION = 2200
export const MAX_HASHTAGS = 50
export const MAX_PRODUCT_TAGS = 20
export const MAX_APPROVALS = 50
export const MAX_COMMENTS = 300
export const MAX_COMMENT = 2000

const productTagSchema = z.strictObject({
  id: docId,
  productId: docId,
  /** Where in the video the product shows, in ms from its start. */
  atMs: count,
})

const approvalSchema = z.strictObject({
  state: z.enum(APPROVAL_STATES),
  /** Who made the last decision (approved, or sent back), and when; null while draft/pending. */
  by: userId.nullable(),
  at: timestamp.nullable(),
  /** The decision's comment (also in `comments`). */
  note: text(MAX_COMMENT).nullable(),
  /** Who sent it for approval, and when (the thread and the approvers' lists show it). */
  submittedBy: userId.nullable(),
  submittedAt: timestamp.nullable(),
  /** Approvals given so far, one per approver ("all listed approvers" needs each of them). */
  approvals: z.array(z.strictObject({ userId, at: timestamp })).max(MAX_APPROVALS),
})

const commentSchema = z.strictObject({
  id: docId,
  userId,
  /** The author's name when they wrote it (set by the server from their profile). */
  author: text(120),
  body: text(MAX_COMMENT),
  at: timestamp,
  kind: z.enum(COMMENT_KINDS),
})

const videoSchema = z.strictObject({
  fileName: text(255, 1),
  sizeBytes: count,
  durationMs: count,
  width: z.int().min(0).max(16_384),
  height: z.int().min(0).max(16_384),
  /** Known once the device hashed it; the server finds the uploaded file by it. */
  sha256: sha256.nullable(),
  /** `sha256:<hex>` once the server holds the file (keeps it from garbage collection). */
  ref: blobRef.nullable(),
})

const releaseSchema = z.strictObject({
  /** Who asked for it to go out ("Publish now", "Schedule", "Send to inbox"), and when. */
  by: userId,
  at: timestamp,
})

const publishSchema = z.strictObject({
  state: z.enum(PUBLISH_STATES),
  platformPostId: text(128, 1).nullable(),
  /** The platform's message (or the check that stopped it), shown verbatim. */
  error: text(4000).nullable(),
  publishedAt: timestamp.nullable(),
  /** The platform's error code verbatim (`spam_risk_too_many_posts`), or a check's id. */
  code: text(100).nullable(),
  /** What to do about it, in plain words. */
  action: text(500).nullable(),
  /** A slot the server suggests when the platform said "not now" (e.g. the daily cap). */
  suggestedAt: timestamp.nullable(),
  /** How much of the video the platform has received, 0–1, while uploading. */
  progress: z.number().min(0).max(1).nullable(),
  /** The `release.at` this state belongs to: a retry is a new release. */
  releaseAt: timestamp.nullable(),
  /** When the server last changed this state. */
  updatedAt: timestamp.nullable(),
})

/**
 * A post: its video, caption and the platform's posting settings, its approval (with a comment
 * thread) and its schedule, plus the publish state only the server writes. `privacy` has no
 * default on purpose: the compliant posting flow makes the user pick one, so null means "not
 * chosen yet". The video comes from a project's export (`projectId`) or a library item
 * (`mediaId`). `scheduledAt` is an instant; `scheduleZone` the IANA zone the time was picked in,
 * so a move by days keeps the wall-clock time across a DST change.
 */
export const postSchema = z.strictObject({
  ...baseFields,
  accountId: docId,
  projectId: docId.nullable(),
  mediaId: docId.nullable(),
  video: videoSchema.nullable(),
  /** Cover frame: ms into the video (the platform's video_cover_timestamp_ms). */
  coverMs: count.nullable(),
  caption: text(MAX_CAPTION),
  hashtags: z
    .array(z.string().regex(HASHTAG_PATTERN, 'must be a hashtag without #'))
    .max(MAX_HASHTAGS),
  privacy: z.enum(PRIVACY_LEVELS).nullable(),
  allowComments: z.boolean(),
  allowDuet: z.boolean(),
  allowStitch: z.boolean(),
  /** The commercial-content toggle and its two boxes (either or both when it is on). */
  disclosure: z.strictObject({
    commercial: z.boolean(),
    yourBrand: z.boolean(),
    brandedContent: z.boolean(),
  }),
  /** Set when the person released it with the consent line on screen. */
  musicConsent: z.boolean(),
  productTags: z.array(productTagSchema).max(MAX_PRODUCT_TAGS),
  mode: z.enum(PUBLISH_MODES),
  scheduledAt: timestamp.nullable(),
  scheduleZone: z.string().regex(TIME_ZONE_PATTERN, 'must be an IANA time zone').nullable(),
  release: releaseSchema.nullable(),
  approval: approvalSchema,
  comments: z.array(commentSchema).max(MAX_COMMENTS),
  publish: publishSchema,
})

export type PostDoc = z.infer<typeof postSchema>
export type PublishState = z.infer<typeof publishSchema>
export type PostApproval = z.infer<typeof approvalSchema>
export type PostComment = z.infer<typeof commentSchema>
export type PostVideo = z.infer<typeof videoSchema>
export type PrivacyLevel = (typeof PRIVACY_LEVELS)[number]
export type PublishMode = (typeof PUBLISH_MODES)[number]

/** The publish state of a post nobody has tried to publish yet. */
export const IDLE_PUBLISH_STATE: PublishState = {
  state: 'idle',
  platformPostId: null,
  error: null,
  publishedAt: null,
  code: null,
  action: null,
  suggestedAt: null,
  progress: null,
  releaseAt: null,
  updatedAt: null,
}

export const DRAFT_APPROVAL: PostApproval = {
  state: 'draft',
  by: null,
  at: null,
  note: null,
  submittedBy: null,
  submittedAt: null,
  approvals: [],
}

/**
 * Schema 0 → 1: the platform's four privacy values, the disclosure's two boxes (a version-0
 * `kind` becomes the matching box), the video, cover, mode, zone, release, comment thread, and
 * the publish state's code, action and progress. The server runs the same step over its stored
 * copies (migration 0006), so both sides hold the same document.
 */
export function migratePostV0toV1(old: Record<string, unknown>): Record<string, unknown> {
  if ('release' in old) return old
  const disclosure = (old['disclosure'] ?? {}) as { commercial?: unknown; kind?: unknown }
  const approval = (old['approval'] ?? {}) as Record<string, unknown>
  const publish = (old['publish'] ?? {}) as Record<string, unknown>
  return {
    ...old,
    video: null,
    coverMs: null,
    disclosure: {
      commercial: disclosure.commercial === true,
      yourBrand: disclosure.kind === 'promotional',
      brandedContent: disclosure.kind === 'paid_partnership',
    },
    mode: 'direct',
    scheduleZone: null,
    release: null,
    approval: { ...approval, submittedBy: null, submittedAt: null, approvals: [] },
    comments: [],
    publish: {
      ...publish,
      code: null,
      action: null,
      suggestedAt: null,
      progress: null,
      releaseAt: null,
      updatedAt: null,
    },
  }
}

const nullableTimestamp = js.nullable(js.timestamp())

export const posts = defineCollection<PostDoc>({
  name: 'posts',
  schema: postSchema,
  rxSchema: rxSchema({
    title: 'posts',
    version: 1,
    properties: {
      accountId: js.id(),
      projectId: js.nullable(js.id()),
      mediaId: js.nullable(js.id()),
      video: js.nullable(
        js.object({
          fileName: js.string(255, 1),
          sizeBytes: js.count(),
          durationMs: js.count(),
          width: js.int(0, 16_384),
          height: js.int(0, 16_384),
          sha256: js.nullable(js.sha256()),
          ref: js.nullable(js.blobRef()),
        }),
      ),
      coverMs: js.nullable(js.count()),
      caption: js.string(MAX_CAPTION),
      hashtags: js.array(js.pattern(HASHTAG_PATTERN, 100), MAX_HASHTAGS),
      privacy: js.nullable(js.enum(PRIVACY_LEVELS)),
      allowComments: js.boolean(),
      allowDuet: js.boolean(),
      allowStitch: js.boolean(),
      disclosure: js.object({
        commercial: js.boolean(),
        yourBrand: js.boolean(),
        brandedContent: js.boolean(),
      }),
      musicConsent: js.boolean(),
      productTags: js.array(
        js.object({ id: js.id(), productId: js.id(), atMs: js.count() }),
        MAX_PRODUCT_TAGS,
      ),
      mode: js.enum(PUBLISH_MODES),
      scheduledAt: nullableTimestamp,
      scheduleZone: js.nullable(js.pattern(TIME_ZONE_PATTERN, 64)),
      release: js.nullable(js.object({ by: js.userId(), at: js.timestamp() })),
      approval: js.object({
        state: js.enum(APPROVAL_STATES),
        by: js.nullable(js.userId()),
        at: nullableTimestamp,
        note: js.nullable(js.string(MAX_COMMENT)),
        submittedBy: js.nullable(js.userId()),
        submittedAt: nullableTimestamp,
        approvals: js.array(js.object({ userId: js.userId(), at: js.timestamp() }), MAX_APPROVALS),
      }),
      comments: js.array(
        js.object({
          id: js.id(),
          userId: js.userId(),
          author: js.string(120),
          body: js.string(MAX_COMMENT),
          at: js.timestamp(),
          kind: js.enum(COMMENT_KINDS),
        }),
        MAX_COMMENTS,
      ),
      publish: js.object({
        state: js.enum(PUBLISH_STATES),
        platformPostId: js.nullable(js.string(128, 1)),
        error: js.nullable(js.string(4000)),
        publishedAt: nullableTimestamp,
        code: js.nullable(js.string(100)),
        action: js.nullable(js.string(500)),
        suggestedAt: nullableTimestamp,
        progress: js.nullable({ type: 'number', minimum: 0, maximum: 1 }),
        releaseAt: nullableTimestamp,
        updatedAt: nullableTimestamp,
      }),
    },
    indexes: [['accountId', 'updatedAt']],
  }),
  // Version 1: the publishing issue's fields; the server rewrote its stored posts (0006).
  migrationStrategies: { 1: migratePostV0toV1 },
  serverOwnedFields: ['publish'],
  serverOwnedDefaults: { publish: IDLE_PUBLISH_STATE },
  accountScoped: true,
})
