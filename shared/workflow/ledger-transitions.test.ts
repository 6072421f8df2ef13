import { describe, expect, it } from 'vitest'
import type { LedgerEntryDoc } from '../data/collections/ledger'
import { entry } from '../money/test-entries'
import { checkLedgerTransition } from './ledger-transitions'
import type { Actor } from './transition'

const actor: Actor = { userId: 'u1', displayName: 'Sam', role: 'manager', accountIds: [] }
const commission = (over: Partial<LedgerEntryDoc> = {}) =>
  entry({ kind: 'commission', settlement: 'not_settled', amountMinor: 0, ...over })

describe('ledger workflow rule', () => {
  it.each([
    ['not_settled', 'settled', true],
    ['not_settled', 'refunded', true],
    ['settled', 'refunded', true],
    ['settled', 'not_settled', false],
    ['refunded', 'settled', false],
    ['refunded', 'not_settled', false],
  ] as const)('commission %s → %s allowed: %s', (from, to, ok) => {
    const before = commission({ settlement: from })
    expect(checkLedgerTransition(actor, before, { ...before, settlement: to }).ok).toBe(ok)
  })

  it('keeps an entry’s stream and currency', () => {
    const before = entry({ kind: 'other' })
    expect(checkLedgerTransition(actor, before, { ...before, kind: 'deal_payment' })).toEqual({
      ok: false,
      reason: 'an entry’s stream cannot change: delete it and add a new entry',
    })
    expect(checkLedgerTransition(actor, before, { ...before, currency: 'EUR' }).ok).toBe(false)
    // Deleting is always possible.
    expect(checkLedgerTransition(actor, before, { ...before, _deleted: true }).ok).toBe(true)
  })

  it('sets a commission’s amount from its price paid and rate', () => {
    const c = commission({ amountMinor: 1 })
    const withInputs = { ...c, detail: { ...c.detail, paidPriceMinor: 12_999, rateBps: 1_250 } }
    const out = checkLedgerTransition(actor, undefined, withInputs)
    expect(out).toEqual({ ok: true, doc: { ...withInputs, amountMinor: 1_625 } })
    // Without both inputs the typed amount stands.
    expect(checkLedgerTransition(actor, undefined, c)).toEqual({ ok: true, doc: c })
  })

  it('refuses a zero payout', () => {
    expect(
      checkLedgerTransition(actor, undefined, entry({ kind: 'payout', amountMinor: 0 })),
    ).toEqual({
      ok: false,
      reason: 'a payout must be more than zero',
    })
  })
})
