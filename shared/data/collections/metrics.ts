import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, calendarDate, count, docId } from '../fields'
import { js, rxSchema } from '../json-schema'

/**
 * One day's numbers for an account (`postId` null) or one of its posts. The platform keeps about
 * 60 days of analytics; these snapshots keep the history forever. Written only by connectors.
 * Counts are cumulative as of the end of `date` (UTC); account-only counts are null on posts.
 */
export const metricSchema = z.strictObject({
  ...baseFields,
  accountId: docId,
  postId: docId.nullable(),
  date: calendarDate,
  views: count,
  likes: count,
  comments: count,
  shares: count,
  saves: count,
  watchTimeMs: count,
  followers: count.nullable(),
  profileViews: count.nullable(),
})

export type MetricDoc = z.infer<typeof metricSchema>

const nonBaseFields = [
  'accountId',
  'postId',
  'date',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'watchTimeMs',
  'followers',
  'profileViews',
] as const satisfies readonly (keyof MetricDoc)[]

export const metrics = defineCollection<MetricDoc>({
  name: 'metrics',
  schema: metricSchema,
  rxSchema: rxSchema({
    title: 'metrics',
    version: 0,
    properties: {
      accountId: js.id(),
      postId: js.nullable(js.id()),
      date: js.date(),
      views: js.count(),
      likes: js.count(),
      comments: js.count(),
      shares: js.count(),
      saves: js.count(),
      watchTimeMs: js.count(),
      followers: js.nullable(js.count()),
      profileViews: js.nullable(js.count()),
    },
    indexes: [['accountId', 'date']],
  }),
  // The whole document is the server's: every field, and creation and deletion too.
  serverOwnedFields: nonBaseFields,
  accountScoped: true,
  clientCreatable: false,
  isServerOwnedDocument: () => true,
})
