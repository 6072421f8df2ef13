import { z } from 'zod'
import {
  APPROVAL_MODES,
  approvalPolicySchema,
  MAX_APPROVERS,
} from '../../publishing/approval-policy'
import { currency, docId, region, text } from '../fields'
import { js } from '../json-schema'

/**
 * A workspace's settings, synced to every member on the workspace document (the free RxDB build
 * allows no further collection). Every part is a closed object or a bounded array of closed
 * objects — no free-form records — so zod (server) and ajv (RxDB) accept exactly the same
 * documents. Only owners and managers change them (shared/workflow/workspace-transitions.ts).
 */

export const MAX_REGION_RATES = 250
export const MAX_CURRENCIES = 50
export const MAX_THRESHOLD_OVERRIDES = 200
export const MAX_SETTINGS_ACCOUNTS = 500
export const MAX_ANALYTICS_GROUPS = 100
export const MAX_ANALYTICS_REPORTS = 50
/** Rates in millionths, up to what the Earnings rates form accepts (9 digits, 6 decimals). */
export const MAX_MICROS_PER_DIAMOND = 1_000_000_000_000_000
export const MAX_MICROS_PER_UNIT = 1_000_000_000_000_000
export const MAX_THRESHOLD = 1_000_000_000_000
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/
export const REPORT_FORMATS = ['pdf', 'csv'] as const

const microsPerDiamond = z.int().min(0).max(MAX_MICROS_PER_DIAMOND)
const share = z.number().min(0).max(1)

const diamondRateSchema = z.strictObject({ currency, microsPerDiamond })

const distinct = (values: readonly string[]) => new Set(values).size === values.length

/** EarningsSettings (shared/money/earnings-settings.ts) as closed objects and arrays. */
export const earningsSettingsDocSchema = z.strictObject({
  /** The rate where a region has none of its own. */
  defaultDiamondRate: diamondRateSchema,
  regionDiamondRates: z
    .array(z.strictObject({ region, currency, microsPerDiamond }))
    .max(MAX_REGION_RATES)
    .refine((items) => distinct(items.map((r) => r.region)), 'a region has two rates'),
  /** Smallest withdrawal per currency, in minor units. */
  payoutMinimums: z
    .array(z.strictObject({ currency, minor: z.int().min(0).max(Number.MAX_SAFE_INTEGER) }))
    .max(MAX_CURRENCIES)
    .refine(
      (items) => distinct(items.map((r) => r.currency)),
      'a currency has two payout minimums',
    ),
  rpmDropShare: share,
  refundShare: share,
  conversion: z.strictObject({
    target: currency.nullable(),
    rates: z
      .array(z.strictObject({ currency, microsPerUnit: z.int().min(0).max(MAX_MICROS_PER_UNIT) }))
      .max(MAX_CURRENCIES)
      .refine(
        (items) => distinct(items.map((r) => r.currency)),
        'a currency has two conversion rates',
      ),
  }),
})
export type EarningsSettingsDoc = z.infer<typeof earningsSettingsDocSchema>

export const eligibilitySettingsSchema = z.strictObject({
  /** `programId.criterionId` → the threshold this workspace uses instead of the default. */
  overrides: z
    .array(z.strictObject({ key: text(120, 1), value: z.number().min(0).max(MAX_THRESHOLD) }))
    .max(MAX_THRESHOLD_OVERRIDES)
    .refine((items) => distinct(items.map((o) => o.key)), 'a threshold is overridden twice'),
  /** The creator's own answer to "in good standing?" per account. */
  standing: z
    .array(z.strictObject({ accountId: docId, inGoodStanding: z.boolean() }))
    .max(MAX_SETTINGS_ACCOUNTS)
    .refine((items) => distinct(items.map((s) => s.accountId)), 'an account is answered twice'),
})
export type EligibilitySettings = z.infer<typeof eligibilitySettingsSchema>

/** Per-account approval policies; an account not listed uses NO_APPROVAL. */
export const approvalSettingsSchema = z
  .array(z.strictObject({ accountId: docId, policy: approvalPolicySchema }))
  .max(MAX_SETTINGS_ACCOUNTS)
  .refine(
    (items) => distinct(items.map((a) => a.accountId)),
    'an account has two approval policies',
  )
export type ApprovalSettings = z.infer<typeof approvalSettingsSchema>

export const analyticsSettingsSchema = z.strictObject({
  groups: z
    .array(
      z.strictObject({
        id: docId,
        name: text(80, 1),
        accountIds: z.array(docId).max(MAX_SETTINGS_ACCOUNTS),
      }),
    )
    .max(MAX_ANALYTICS_GROUPS),
  reports: z
    .array(
      z.strictObject({
        id: docId,
        name: text(120, 1),
        /** The group reported on; null = every account. */
        groupId: docId.nullable(),
        dayOfMonth: z.int().min(1).max(28),
        format: z.enum(REPORT_FORMATS),
        enabled: z.boolean(),
        /** The last month (YYYY-MM) a report was made for; null before the first. */
        lastRunMonth: z.string().regex(MONTH_PATTERN, 'must be YYYY-MM').nullable(),
      }),
    )
    .max(MAX_ANALYTICS_REPORTS),
})
export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>

export const workspaceSettingsSchema = z.strictObject({
  /** null = every earnings default (shared/money/earnings-settings.ts). */
  earnings: earningsSettingsDocSchema.nullable(),
  eligibility: eligibilitySettingsSchema,
  approvals: approvalSettingsSchema,
  analytics: analyticsSettingsSchema,
})
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>

/** Settings of a workspace nobody has configured: every section at its default. */
export function emptyWorkspaceSettings(): WorkspaceSettings {
  return {
    earnings: null,
    eligibility: { overrides: [], standing: [] },
    approvals: [],
    analytics: { groups: [], reports: [] },
  }
}

const jsDiamondRate = {
  currency: js.currency(),
  microsPerDiamond: js.int(0, MAX_MICROS_PER_DIAMOND),
}

/** The JSON-schema twin of `workspaceSettingsSchema` (same limits; uniqueness is zod's alone). */
export const workspaceSettingsJsonSchema = js.object({
  earnings: js.nullable(
    js.object({
      defaultDiamondRate: js.object(jsDiamondRate),
      regionDiamondRates: js.array(
        js.object({ region: js.region(), ...jsDiamondRate }),
        MAX_REGION_RATES,
      ),
      payoutMinimums: js.array(
        js.object({ currency: js.currency(), minor: js.int(0, Number.MAX_SAFE_INTEGER) }),
        MAX_CURRENCIES,
      ),
      rpmDropShare: js.number(0, 1),
      refundShare: js.number(0, 1),
      conversion: js.object({
        target: js.nullable(js.currency()),
        rates: js.array(
          js.object({ currency: js.currency(), microsPerUnit: js.int(0, MAX_MICROS_PER_UNIT) }),
          MAX_CURRENCIES,
        ),
      }),
    }),
  ),
  eligibility: js.object({
    overrides: js.array(
      js.object({ key: js.string(120, 1), value: js.number(0, MAX_THRESHOLD) }),
      MAX_THRESHOLD_OVERRIDES,
    ),
    standing: js.array(
      js.object({ accountId: js.id(), inGoodStanding: js.boolean() }),
      MAX_SETTINGS_ACCOUNTS,
    ),
  }),
  approvals: js.array(
    js.object({
      accountId: js.id(),
      policy: js.object({
        mode: js.enum(APPROVAL_MODES),
        approverIds: js.array(js.userId(), MAX_APPROVERS),
      }),
    }),
    MAX_SETTINGS_ACCOUNTS,
  ),
  analytics: js.object({
    groups: js.array(
      js.object({
        id: js.id(),
        name: js.string(80, 1),
        accountIds: js.array(js.id(), MAX_SETTINGS_ACCOUNTS),
      }),
      MAX_ANALYTICS_GROUPS,
    ),
    reports: js.array(
      js.object({
        id: js.id(),
        name: js.string(120, 1),
        groupId: js.nullable(js.id()),
        dayOfMonth: js.int(1, 28),
        format: js.enum(REPORT_FORMATS),
        enabled: js.boolean(),
        lastRunMonth: js.nullable(js.pattern(MONTH_PATTERN, 7)),
      }),
      MAX_ANALYTICS_REPORTS,
    ),
  }),
})
