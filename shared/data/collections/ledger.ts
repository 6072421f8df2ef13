import { z } from 'zod'
import { defineCollection } from '../define-collection'
import { baseFields, count, currency, docId, minorAmount, text, timestamp } from '../fields'
import { js, rxSchema } from '../json-schema'

export const LEDGER_KINDS = ['gift', 'reward', 'commission', 'deal_payment', 'payout'] as const
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
    version: 0,
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
      note: js.nullable(js.string(1000)),
    },
    indexes: [['accountId', 'occurredAt']],
  }),
  serverOwnedFields: ['source'],
  serverOwnedDefaults: { source: 'manual' },
  accountScoped: true,
  isServerOwnedDocument: (doc) => doc.source === 'connector',
})
