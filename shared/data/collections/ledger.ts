import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, count, currency, docId, minorAmount, text, timestamp } from '../fields'
import { js, rxSchema } from '../json-schema'

/** `other`: income from outside the platform, entered by hand (schema 1). */
export const LEDGER_KINDS = [
  'gift',
  'reward',
  'commission',
  'deal_payment',
  'payout',
  'other',
] as const
export const SETTLEMENTS = ['not_settled', 'settled', 'refunded'] as const
export const LEDGER_SOURCES = ['connector', 'manual'] as const

const refsSchema = z.strictObject({
  postId: docId.nullable(),
  dealId: docId.nullable(),
  productId: docId.nullable(),
  /** Platform-side identifiers (shop order, LIVE session, the connector's event id). */
  orderId: text(128).nullable(),
  liveSessionId: text(128).nullable(),
  externalId: text(128).nullable(),
})

/**
 * What a stream records beyond the amount (schema 1), every field null where it does not apply:
 * a LIVE session's length and top gifters; a Creator Rewards video-month's qualified views, RPM
 * and estimate (or why it was disqualified); an order's price paid, commission rate and expected
 * settlement. Kept structured so the earnings views can reconcile and explain, not parse notes.
 */
const detailSchema = z.strictObject({
  durationSec: count.nullable(),
  topGifters: count.nullable(),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM')
    .nullable(),
  qualifiedViews: count.nullable(),
  rpmMinor: minorAmount.nullable(),
  estimatedMinor: minorAmount.nullable(),
  disqualified: text(500).nullable(),
  paidPriceMinor: minorAmount.nullable(),
  rateBps: z.int().min(0).max(10_000).nullable(),
  expectedSettlementAt: timestamp.nullable(),
})

export type LedgerDetail = z.infer<typeof detailSchema>

export const EMPTY_DETAIL: LedgerDetail = {
  durationSec: null,
  topGifters: null,
  month: null,
  qualifiedViews: null,
  rpmMinor: null,
  estimatedMinor: null,
  disqualified: null,
  paidPriceMinor: null,
  rateBps: null,
  expectedSettlementAt: null,
}

/** Schema 0 → 1: entries gain `detail` (all unknown for entries written before it). */
export function migrateLedgerV0toV1(old: Record<string, unknown>): Record<string, unknown> {
  return 'detail' in old ? old : { ...old, detail: { ...EMPTY_DETAIL } }
}

/**
 * One money event. `amountMinor` is never negative: the kind gives the direction (a payout moves
 * money out of the platform balance to the creator's bank). Gifts also record their diamonds.
 * Only commissions have a settlement state (shop orders: Not settled / Settled / Refunded).
 * Entries from connectors are the server's; users may add `manual` entries.
 */
export const ledgerEntrySchema = z
  .strictObject({
    ...baseFields,
    accountId: docId,
    kind: z.enum(LEDGER_KINDS),
    amountMinor: minorAmount,
    currency,
    diamonds: count.nullable(),
    settlement: z.enum(SETTLEMENTS).nullable(),
    occurredAt: timestamp,
    source: z.enum(LEDGER_SOURCES),
    refs: refsSchema,
    detail: detailSchema,
    note: text(1000).nullable(),
  })
  .refine((doc) => (doc.kind === 'commission') === (doc.settlement !== null), {
    message: 'commissions need a settlement state; other kinds have none',
    path: ['settlement'],
  })

export type LedgerEntryDoc = z.infer<typeof ledgerEntrySchema>

export const ledger = defineCollection<LedgerEntryDoc>({
  name: 'ledger',
  schema: ledgerEntrySchema,
  rxSchema: rxSchema({
    title: 'ledger',
    version: 1,
    properties: {
      accountId: js.id(),
      kind: js.enum(LEDGER_KINDS),
      amountMinor: js.count(),
      currency: js.currency(),
      diamonds: js.nullable(js.count()),
      settlement: js.nullable(js.enum(SETTLEMENTS)),
      occurredAt: js.timestamp(),
      source: js.enum(LEDGER_SOURCES),
      refs: js.object({
        postId: js.nullable(js.id()),
        dealId: js.nullable(js.id()),
        productId: js.nullable(js.id()),
        orderId: js.nullable(js.string(128)),
        liveSessionId: js.nullable(js.string(128)),
        externalId: js.nullable(js.string(128)),
      }),
      detail: js.object({
        durationSec: js.nullable(js.count()),
        topGifters: js.nullable(js.count()),
        month: js.nullable(js.pattern(/^\d{4}-(0[1-9]|1[0-2])$/, 7)),
        qualifiedViews: js.nullable(js.count()),
        rpmMinor: js.nullable(js.count()),
        estimatedMinor: js.nullable(js.count()),
        disqualified: js.nullable(js.string(500)),
        paidPriceMinor: js.nullable(js.count()),
        rateBps: js.nullable(js.int(0, 10_000)),
        expectedSettlementAt: js.nullable(js.timestamp()),
      }),
      note: js.nullable(js.string(1000)),
    },
    indexes: [['accountId', 'occurredAt']],
  }),
  // Version 1 added `detail`; the server runs the same step over its stored copies (migration
  // 0008_earnings), so a client's migrated document and the server's master stay equal.
  migrationStrategies: { 1: migrateLedgerV0toV1 },
  serverOwnedFields: ['source'],
  serverOwnedDefaults: { source: 'manual' },
  accountScoped: true,
  isServerOwnedDocument: (doc) => doc.source === 'connector',
})
