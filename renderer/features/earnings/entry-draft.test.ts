import { describe, expect, it } from 'vitest'
import { ledgerEntrySchema } from '../../../shared/data/collections/ledger'
import { entryFromDraft, type EntryDraft } from './entry-draft'

const ids = {
  id: '01890a5d-ac96-774b-bcce-b302099a8101',
  workspaceId: '01890a5d-ac96-774b-bcce-b302099a8000',
}
const rate = { currency: 'USD', microsPerDiamond: 5_000 }
const draft = (over: Partial<EntryDraft>): EntryDraft => ({
  kind: 'other',
  accountId: '01890a5d-ac96-774b-bcce-b302099a8001',
  date: '2026-03-05',
  amount: '120.50',
  currency: 'USD',
  diamonds: '',
  durationMin: '',
  topGifters: '',
  paidPrice: '',
  ratePercent: '',
  note: '',
  ...over,
})

describe('adding an entry by hand', () => {
  it('makes valid entries of every kind', () => {
    for (const d of [
      draft({}),
      draft({ kind: 'payout', amount: '50' }),
      draft({ kind: 'gift', diamonds: '12,000', durationMin: '45', topGifters: '3' }),
      draft({ kind: 'commission', paidPrice: '29.99', ratePercent: '12.5' }),
    ]) {
      const out = entryFromDraft(d, ids, 1, rate)
      expect(out.ok).toBe(true)
      if (out.ok) expect(ledgerEntrySchema.safeParse(out.doc).success).toBe(true)
    }
  })

  it('keeps diamonds as the truth and computes a commission from price × rate', () => {
    const gift = entryFromDraft(
      draft({ kind: 'gift', diamonds: '12000', durationMin: '45' }),
      ids,
      1,
      rate,
    )
    expect(gift.ok && gift.doc).toMatchObject({
      diamonds: 12_000,
      amountMinor: 6_000,
      detail: { durationSec: 2_700 },
    })
    const c = entryFromDraft(
      draft({ kind: 'commission', paidPrice: '29.99', ratePercent: '12.5' }),
      ids,
      1,
      rate,
    )
    expect(c.ok && c.doc).toMatchObject({
      amountMinor: 375,
      settlement: 'not_settled',
      detail: { paidPriceMinor: 2_999, rateBps: 1_250 },
    })
  })

  it('says what is wrong beside each field', () => {
    const out = entryFromDraft(
      draft({ accountId: '', date: '5 March', amount: '12.345', currency: 'usd' }),
      ids,
      1,
      rate,
    )
    expect(out).toEqual({
      ok: false,
      errors: {
        accountId: 'Choose the account this entry belongs to.',
        date: 'Enter the date as YYYY-MM-DD.',
        currency: 'Use a three-letter currency code, like USD.',
      },
    })
    expect(entryFromDraft(draft({ amount: '12.345' }), ids, 1, rate)).toEqual({
      ok: false,
      errors: { amount: 'USD has 2 decimal places at most.' },
    })
    expect(entryFromDraft(draft({ kind: 'payout', amount: '0' }), ids, 1, rate)).toEqual({
      ok: false,
      errors: { amount: 'A payout must be more than zero.' },
    })
    expect(
      entryFromDraft(
        draft({ kind: 'commission', paidPrice: '10', ratePercent: '120' }),
        ids,
        1,
        rate,
      ),
    ).toEqual({
      ok: false,
      errors: { ratePercent: 'Enter the rate as a percentage from 0 to 100.' },
    })
    expect(entryFromDraft(draft({ kind: 'gift', diamonds: '-5' }), ids, 1, rate)).toEqual({
      ok: false,
      errors: { diamonds: 'Enter the diamonds as a whole number.' },
    })
  })
})
