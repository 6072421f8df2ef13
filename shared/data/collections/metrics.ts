import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, docId } from '../fields'
import { js, rxSchema } from '../json-schema'

/** 'YYYY-MM': the UTC month a metrics document covers. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/
export const monthKey = z.string().regex(MONTH_PATTERN, 'must be YYYY-MM')

/** Whether `value` is a day slot: null, or a count (`count` in fields.ts). */
const isSlot = (value: unknown): boolean =>
  value === null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)

/**
 * One slot per day of the month (index 0 = the 1st); null = no reading that day. The same rule
 * as `z.array(count.nullable()).max(31)`, checked in one loop: a year of a 50-account agency
 * holds millions of slots, and zod's per-element parse spent 1.4 s of a 9 s first sync on them
 * (CDP profile of bench:analytics); this is ~30× faster. A bad slot is reported at its index.
 */
const dayCounts = z.custom<(number | null)[]>().superRefine((value, ctx) => {
  if (!Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a list of daily counts' })
    return
  }
  if (value.length > 31) ctx.addIssue({ code: 'custom', message: 'must have at most 31 days' })
  for (let i = 0; i < value.length; i++)
    if (!isSlot(value[i])) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a whole number of 0 or more, or empty',
        path: [i],
      })
      return
    }
})

/**
 * One month of numbers for an account (`postId` null) or one of its posts: an array per measure
 * with a slot per day. The platform keeps about 60 days of analytics; these documents keep the
 * history forever. One document per month (not per day) keeps a 50-account agency's year at
 * tens of thousands of documents instead of half a million. Since schema version 2 they are
 * stored and replicated packed, one document per account-month (`metricPackSchema` below).
 * Counts are cumulative as of the end of each day (UTC). Written only by the server (connectors
 * and imports); `followers`/`profileViews` are account-only (null on posts).
 */
export const metricSchema = z.strictObject({
  ...baseFields,
  accountId: docId,
  postId: docId.nullable(),
  month: monthKey,
  views: dayCounts,
  likes: dayCounts,
  comments: dayCounts,
  shares: dayCounts,
  saves: dayCounts,
  watchTimeMs: dayCounts,
  followers: dayCounts.nullable(),
  profileViews: dayCounts.nullable(),
})

export type MetricDoc = z.infer<typeof metricSchema>

/** The day-slot measures of a metrics document, in a fixed order. */
export const POST_MEASURES = [
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'watchTimeMs',
] as const
export const ACCOUNT_ONLY_MEASURES = ['followers', 'profileViews'] as const
export type PostMeasure = (typeof POST_MEASURES)[number]
export type Measure = PostMeasure | (typeof ACCOUNT_ONLY_MEASURES)[number]

/**
 * Version 0 held one document per day. A day cannot become a month document on its own, so
 * clients drop their day documents; the server's migration (0007_analytics) folds its stored days
 * into month documents with new seqs, and clients pull those. Metrics are server-owned, so nothing
 * a client held is lost by dropping it.
 */
export function migrateMetricV0toV1(): null {
  return null
}

/** A post's month inside an account's month pack: the six post measures, a slot per day. */
export const postMonthSchema = z.strictObject({
  postId: docId,
  views: dayCounts,
  likes: dayCounts,
  comments: dayCounts,
  shares: dayCounts,
  saves: dayCounts,
  watchTimeMs: dayCounts,
})
export type PostMonth = z.infer<typeof postMonthSchema>

/** The account's own month inside its pack (followers and profile views too). */
export const accountMonthSchema = z.strictObject({
  views: dayCounts,
  likes: dayCounts,
  comments: dayCounts,
  shares: dayCounts,
  saves: dayCounts,
  watchTimeMs: dayCounts,
  followers: dayCounts.nullable(),
  profileViews: dayCounts.nullable(),
})

/**
 * Posts one pack holds: a post keeps a weekly reading forever, so an account's month holds every
 * post it ever published (≈ 0.7 KB of JSON per post). The bound is above the largest accounts'
 * post counts (tens of thousands are rare; a pack at the bound is ≈ 14 MB); the server refuses
 * to write a pack past it (workspace-write checks every document against this schema), so the
 * account's sync job fails with the reason rather than clients refusing the workspace's pull.
 */
export const MAX_POSTS_PER_PACK = 20_000

/**
 * What the metrics collection stores since schema version 2: ONE document per account-month
 * holding the account's own month (`account`, null when only its posts have readings) and every
 * post's month (`posts`, sorted by post id). The month documents above (`MetricDoc`) are what
 * the code reads and writes; a pack is how they are stored and replicated
 * (shared/analytics/metric-pack.ts). Why: first sync pays per document — IndexedDB takes one
 * request per document, RxDB reads each one back before writing — and a 50-account agency's
 * year is 650 packs instead of 32,817 month documents. The pack keeps the account-month
 * document's id.
 */
export const metricPackSchema = z.strictObject({
  ...baseFields,
  accountId: docId,
  month: monthKey,
  account: accountMonthSchema.nullable(),
  posts: z.array(postMonthSchema).max(MAX_POSTS_PER_PACK),
})

export type MetricPackDoc = z.infer<typeof metricPackSchema>

/**
 * Version 1 held a document per account-month and per post-month. An account-month becomes its
 * pack (same id) with no posts yet; a post-month cannot become a pack on its own and is dropped.
 * The server's migration (0021_analytics_sync) packs its stored months with new seqs, so clients
 * pull the full packs next; metrics are server-owned, so nothing a client held is lost.
 */
export function migrateMetricV1toV2(old: Record<string, unknown>): MetricPackDoc | null {
  const doc = old as unknown as MetricDoc
  if (doc.postId !== null) return null
  return {
    id: doc.id,
    workspaceId: doc.workspaceId,
    updatedAt: doc.updatedAt,
    _deleted: doc._deleted,
    accountId: doc.accountId,
    month: doc.month,
    account: accountMonthOf(doc),
    posts: [],
  }
}

/** A month document's post measures (what a post's month and an account's month both hold). */
export function postMeasuresOf(doc: MetricDoc): Omit<PostMonth, 'postId'> {
  return {
    views: doc.views,
    likes: doc.likes,
    comments: doc.comments,
    shares: doc.shares,
    saves: doc.saves,
    watchTimeMs: doc.watchTimeMs,
  }
}

/** An account-month document's measures, as a pack holds them. */
export function accountMonthOf(doc: MetricDoc): z.infer<typeof accountMonthSchema> {
  return { ...postMeasuresOf(doc), followers: doc.followers, profileViews: doc.profileViews }
}

const slots = () => js.array(js.nullable(js.count()), 31)

export const metrics = defineCollection<MetricPackDoc>({
  name: 'metrics',
  schema: metricPackSchema,
  rxSchema: rxSchema({
    title: 'metrics',
    version: 2,
    properties: {
      accountId: js.id(),
      month: js.pattern(MONTH_PATTERN, 7),
      account: js.nullable(
        js.object({
          views: slots(),
          likes: slots(),
          comments: slots(),
          shares: slots(),
          saves: slots(),
          watchTimeMs: slots(),
          followers: js.nullable(slots()),
          profileViews: js.nullable(slots()),
        }),
      ),
      posts: js.array(
        js.object({
          postId: js.id(),
          views: slots(),
          likes: slots(),
          comments: slots(),
          shares: slots(),
          saves: slots(),
          watchTimeMs: slots(),
        }),
        MAX_POSTS_PER_PACK,
      ),
    },
    indexes: [['accountId', 'month']],
  }),
  // The whole document is the server's: every field, and creation and deletion too.
  serverOwnedFields: ['accountId', 'month', 'account', 'posts'],
  accountScoped: true,
  clientCreatable: false,
  isServerOwnedDocument: () => true,
  migrationStrategies: { 1: migrateMetricV0toV1, 2: migrateMetricV1toV2 },
})
