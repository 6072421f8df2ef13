import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, count, docId } from '../fields'
import { js, rxSchema } from '../json-schema'

/** 'YYYY-MM': the UTC month a metrics document covers. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/
export const monthKey = z.string().regex(MONTH_PATTERN, 'must be YYYY-MM')

/** One slot per day of the month (index 0 = the 1st); null = no reading that day. */
const dayCounts = z.array(count.nullable()).max(31)

/**
 * One month of numbers for an account (`postId` null) or one of its posts: an array per measure
 * with a slot per day. The platform keeps about 60 days of analytics; these documents keep the
 * history forever. One document per month (not per day) keeps a 50-account agency's year at
 * tens of thousands of documents instead of half a million, which is what first sync pays for.
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

const nonBaseFields = [
  'accountId',
  'postId',
  'month',
  ...POST_MEASURES,
  ...ACCOUNT_ONLY_MEASURES,
] as const satisfies readonly (keyof MetricDoc)[]

/**
 * Version 0 held one document per day. A day cannot become a month document on its own, so
 * clients drop their day documents; the server's migration (0007_analytics) folds its stored days
 * into month documents with new seqs, and clients pull those. Metrics are server-owned, so nothing
 * a client held is lost by dropping it.
 */
export function migrateMetricV0toV1(): null {
  return null
}

const slots = () => js.array(js.nullable(js.count()), 31)

export const metrics = defineCollection<MetricDoc>({
  name: 'metrics',
  schema: metricSchema,
  rxSchema: rxSchema({
    title: 'metrics',
    version: 1,
    properties: {
      accountId: js.id(),
      postId: js.nullable(js.id()),
      month: js.pattern(MONTH_PATTERN, 7),
      views: slots(),
      likes: slots(),
      comments: slots(),
      shares: slots(),
      saves: slots(),
      watchTimeMs: slots(),
      followers: js.nullable(slots()),
      profileViews: js.nullable(slots()),
    },
    indexes: [['accountId', 'month']],
  }),
  // The whole document is the server's: every field, and creation and deletion too.
  serverOwnedFields: nonBaseFields,
  accountScoped: true,
  clientCreatable: false,
  isServerOwnedDocument: () => true,
  migrationStrategies: { 1: migrateMetricV0toV1 },
})
