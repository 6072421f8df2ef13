import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, calendarDate, count, docId, region, text, timestamp } from '../fields'
import { js, rxSchema } from '../json-schema'

export const PLATFORMS = ['tiktok', 'sandbox'] as const
export const ACCOUNT_TYPES = ['personal', 'business'] as const
/** Platform handles: letters, digits, `_` and `.`, stored without the leading '@'. */
export const HANDLE_PATTERN = /^[A-Za-z0-9._]{1,64}$/
/**
 * Where the account's platform link stands: never linked, linked and idle, a sync running now, or
 * the platform refused its tokens (revoked, expired) and a person must link it again.
 */
export const LINK_STATES = ['unlinked', 'linked', 'syncing', 'needs_reconnect'] as const
export const MAX_LINK_PROBLEM = 500

const linkSchema = z.strictObject({
  state: z.enum(LINK_STATES),
  linkedAt: timestamp.nullable(),
  /** When the last sync finished (successfully); null before the first. */
  lastSyncedAt: timestamp.nullable(),
  /** Why the link needs attention or the last sync failed, in plain words; never a token. */
  problem: text(MAX_LINK_PROBLEM).nullable(),
})

export type AccountLink = z.infer<typeof linkSchema>

/** The link of an account nobody has linked to a platform yet. */
export const UNLINKED: AccountLink = {
  state: 'unlinked',
  linkedAt: null,
  lastSyncedAt: null,
  problem: null,
}

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
    /** The platform link's status, written by the server (tokens never leave it). */
    link: linkSchema,
  })
  .refine((doc) => doc.accountId === doc.id, {
    message: 'accountId must equal id',
    path: ['accountId'],
  })

export type AccountDoc = z.infer<typeof accountSchema>

/** Schema 0 → 1: accounts gain `link`; an account stored before it was never linked. */
export function migrateAccountV0toV1(old: Record<string, unknown>): Record<string, unknown> {
  return 'link' in old ? old : { ...old, link: { ...UNLINKED } }
}

export const accounts = defineCollection<AccountDoc>({
  name: 'accounts',
  schema: accountSchema,
  rxSchema: rxSchema({
    title: 'accounts',
    version: 1,
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
      link: js.object({
        state: js.enum(LINK_STATES),
        linkedAt: js.nullable(js.timestamp()),
        lastSyncedAt: js.nullable(js.timestamp()),
        problem: js.nullable(js.string(MAX_LINK_PROBLEM)),
      }),
    },
  }),
  // Version 1 added `link`; the server runs the same step over its stored copies (migration
  // 0004b), so a client's migrated document and the server's master stay equal.
  migrationStrategies: { 1: migrateAccountV0toV1 },
  serverOwnedFields: ['followerCount', 'platformAccountId', 'ageVerified', 'link'],
  serverOwnedDefaults: {
    followerCount: null,
    platformAccountId: null,
    ageVerified: false,
    link: UNLINKED,
  },
  accountScoped: true,
})
