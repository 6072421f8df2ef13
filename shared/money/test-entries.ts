import fc from 'fast-check'
import { EMPTY_DETAIL } from '../data/collections/ledger'
import type { LedgerEntryDoc } from '../data/registry'

/** Test support: ledger entries as fast-check generates them (valid per the schema's rules). */
const ACCOUNTS = ['01890a5d-ac96-774b-bcce-b302099a8001', '01890a5d-ac96-774b-bcce-b302099a8002']
export const CURRENCIES = ['USD', 'EUR', 'JPY'] as const

let n = 0
export function entry(over: Partial<LedgerEntryDoc> = {}): LedgerEntryDoc {
  n++
  return {
    id: `01890a5d-ac96-774b-bcce-${String(n).padStart(12, '0')}`,
    workspaceId: '01890a5d-ac96-774b-bcce-b302099a8000',
    updatedAt: 1,
    _deleted: false,
    accountId: ACCOUNTS[0] ?? '',
    kind: 'other',
    amountMinor: 100,
    currency: 'USD',
    diamonds: null,
    settlement: null,
    occurredAt: Date.UTC(2026, 0, 10),
    source: 'manual',
    refs: {
      postId: null,
      dealId: null,
      productId: null,
      orderId: null,
      liveSessionId: null,
      externalId: null,
    },
    detail: { ...EMPTY_DETAIL },
    note: null,
    ...over,
  }
}

export const arbEntry: fc.Arbitrary<LedgerEntryDoc> = fc
  .record({
    kind: fc.constantFrom('gift', 'reward', 'commission', 'deal_payment', 'payout', 'other'),
    amountMinor: fc.integer({ min: 0, max: 10_000_000 }),
    currency: fc.constantFrom(...CURRENCIES),
    diamonds: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
    settlement: fc.constantFrom('not_settled', 'settled', 'refunded'),
    occurredAt: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }),
    account: fc.constantFrom(...ACCOUNTS),
  })
  .map((r) =>
    entry({
      kind: r.kind,
      amountMinor: r.amountMinor,
      currency: r.currency,
      diamonds: r.kind === 'gift' ? r.diamonds : null,
      settlement: r.kind === 'commission' ? r.settlement : null,
      occurredAt: r.occurredAt,
      accountId: r.account,
    }),
  )
