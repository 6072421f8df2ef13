import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, calendarDate, count, docId, region, text } from '../fields'
import { js, rxSchema } from '../json-schema'

export const PLATFORMS = ['tiktok', 'sandbox'] as const
export const ACCOUNT_TYPES = ['personal', 'business'] as const
/** Platform handles: letters, digits, `_` and `.`, stored without the leading '@'. */
export const HANDLE_PATTERN = /^[A-Za-z0-9._]{1,64}$/

/**
 * A creator account on a platform. `accountId` repeats `id` so that access scoping reads the
 * same field on every account-scoped collection, this one included.
 */
export const accountSchema = z
  .strictObject({
    ...baseFields,
    accountId: docId,
    handle: z.string().regex(HANDLE_PATTERN, 'must be a handle without @'),
    displayName: text(120),
    platform: z.enum(PLATFORMS),
    region,
    /** Self-declared, for Creator Rewards' 18+ rule; null until entered. */
    birthDate: calendarDate.nullable(),
    /** Set by the connector when the platform confirms the age. */
    ageVerified: z.boolean(),
    accountType: z.enum(ACCOUNT_TYPES),
    /** Latest count reported by the connector; null until the first sync. */
    followerCount: count.nullable(),
    /** The platform's own id, set when the connector links the account. */
    platformAccountId: text(128, 1).nullable(),
  })
  .refine((doc) => doc.accountId === doc.id, {
    message: 'accountId must equal id',
    path: ['accountId'],
  })

export type AccountDoc = z.infer<typeof accountSchema>

export const accounts = defineCollection<AccountDoc>({
  name: 'accounts',
  schema: accountSchema,
  rxSchema: rxSchema({
    title: 'accounts',
    version: 0,
    properties: {
      accountId: js.id(),
      handle: js.pattern(HANDLE_PATTERN, 64),
      displayName: js.string(120),
      platform: js.enum(PLATFORMS),
      region: js.region(),
      birthDate: js.nullable(js.date()),
      ageVerified: js.boolean(),
      accountType: js.enum(ACCOUNT_TYPES),
      followerCount: js.nullable(js.count()),
      platformAccountId: js.nullable(js.string(128, 1)),
    },
  }),
  serverOwnedFields: ['followerCount', 'platformAccountId', 'ageVerified'],
  serverOwnedDefaults: { followerCount: null, platformAccountId: null, ageVerified: false },
  accountScoped: true,
})
