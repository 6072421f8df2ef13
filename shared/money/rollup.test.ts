import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_EARNINGS_SETTINGS, type EarningsSettings } from './earnings-settings'
import { addTo, type CurrencyTotals } from './money'
import { monthEstimate, monthRange, rollup } from './rollup'
import { diamondValue, entryValue, inPlatformBalance, STREAMS, streamOf } from './streams'
import { arbEntry, entry } from './test-entries'

const NOW = Date.UTC(2026, 5, 15, 12)
const noRegion = () => null

function withRate(micros: number, currency = 'USD'): EarningsSettings {
  return {
    ...DEFAULT_EARNINGS_SETTINGS,
    diamondRates: { default: { currency, microsPerDiamond: micros } },
  }
}

describe('ledger roll-up: properties', () => {
  it('the sum of entries equals every total and the balance, per currency', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 80 }), (entries) => {
        const r = rollup(entries, DEFAULT_EARNINGS_SETTINGS, noRegion, NOW)
        const income: CurrencyTotals = {}
        const balance: CurrencyTotals = {}
        for (const e of entries) {
          const v = entryValue(e, DEFAULT_EARNINGS_SETTINGS, null)
          if (streamOf(e.kind) === null) addTo(balance, v.currency, -v.minor)
          else {
            addTo(income, v.currency, v.minor)
            if (inPlatformBalance(e)) addTo(balance, v.currency, v.minor)
          }
        }
        expect(r.income).toEqual(income)
        expect(r.balance).toEqual(balance)
        expect(r.entries).toBe(entries.length)
        // Each month row: its streams add up to its income; the rows add up to the totals.
        const fromRows: CurrencyTotals = {}
        for (const row of r.months) {
          expect(STREAMS.reduce((s, k) => s + row.streams[k], 0)).toBe(row.income)
          addTo(fromRows, row.currency, row.income)
        }
        // (A month of payouts only has a row with zero income.)
        for (const c of new Set([...Object.keys(fromRows), ...Object.keys(income)]))
          expect(fromRows[c] ?? 0).toBe(income[c] ?? 0)
      }),
    )
  })

  it('never mixes currencies: each row holds one currency, from entries of that currency only', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { maxLength: 60 }), (entries) => {
        const r = rollup(entries, withRate(5_000, 'USD'), noRegion, NOW)
        for (const row of r.months) {
          const expected = entries
            .filter((e) => streamOf(e.kind) !== null)
            .filter((e) => entryValue(e, withRate(5_000), null).currency === row.currency)
            .filter((e) => new Date(e.occurredAt).toISOString().startsWith(row.month))
            .reduce((s, e) => s + entryValue(e, withRate(5_000), null).minor, 0)
          expect(row.income).toBe(expected)
        }
      }),
    )
  })

  it('re-valuing gifts at a new rate changes no entry, only the gift totals', () => {
    fc.assert(
      fc.property(
        fc.array(arbEntry, { maxLength: 60 }),
        fc.integer({ min: 1, max: 50_000 }),
        (entries, micros) => {
          const before = structuredClone(entries)
          const a = rollup(entries, withRate(5_000), noRegion, NOW)
          const b = rollup(entries, withRate(micros), noRegion, NOW)
          expect(entries).toEqual(before)
          const nonGift = (r: typeof a) =>
            r.months.map((m) => ({ ...m.streams, gifts: 0, month: m.month, c: m.currency }))
          const giftless = entries.filter((e) => !(e.kind === 'gift' && e.diamonds !== null))
          if (giftless.length === entries.length) expect(b).toEqual(a)
          // Other currencies' rows are untouched; USD gifts are exactly the diamonds at the new rate.
          expect(nonGift(b).filter((m) => m.c !== 'USD')).toEqual(
            nonGift(a).filter((m) => m.c !== 'USD'),
          )
          const usdGifts = b.months
            .filter((m) => m.currency === 'USD')
            .reduce((s, m) => s + m.streams.gifts, 0)
          const expected = entries
            .filter((e) => e.kind === 'gift')
            .map((e) =>
              e.diamonds !== null
                ? diamondValue(e.diamonds, { currency: 'USD', microsPerDiamond: micros })
                : { currency: e.currency, minor: e.amountMinor },
            )
            .filter((v) => v.currency === 'USD')
            .reduce((s, v) => s + v.minor, 0)
          expect(usdGifts).toBe(expected)
        },
      ),
    )
  })

  it('values diamonds at the region’s rate, falling back to the default', () => {
    const settings: EarningsSettings = {
      ...DEFAULT_EARNINGS_SETTINGS,
      diamondRates: {
        default: { currency: 'USD', microsPerDiamond: 5_000 },
        JP: { currency: 'JPY', microsPerDiamond: 700_000 },
      },
    }
    const gift = entry({ kind: 'gift', diamonds: 10_000, amountMinor: 1 })
    expect(entryValue(gift, settings, 'US')).toEqual({ currency: 'USD', minor: 5_000 })
    expect(entryValue(gift, settings, 'JP')).toEqual({ currency: 'JPY', minor: 7_000 })
    // A gift entered as cash (no diamonds) keeps its amount.
    const cash = entry({ kind: 'gift', amountMinor: 250, currency: 'EUR' })
    expect(entryValue(cash, settings, 'JP')).toEqual({ currency: 'EUR', minor: 250 })
  })
})

describe('commissions in the roll-up', () => {
  const order = entry({ kind: 'commission', amountMinor: 1_500, settlement: 'not_settled' })

  it('counts a commission as pending, then in the balance once settled, and reverses a refund even after settlement', () => {
    const pending = rollup([order], DEFAULT_EARNINGS_SETTINGS, noRegion, NOW)
    expect(pending.income).toEqual({ USD: 1_500 })
    expect(pending.pending).toEqual({ USD: 1_500 })
    expect(pending.balance).toEqual({})

    const settled = rollup(
      [{ ...order, settlement: 'settled' as const }],
      DEFAULT_EARNINGS_SETTINGS,
      noRegion,
      NOW,
    )
    expect(settled.balance).toEqual({ USD: 1_500 })
    expect(settled.pending).toEqual({})

    const payout = entry({ kind: 'payout', amountMinor: 1_000 })
    const refunded = rollup(
      [{ ...order, settlement: 'refunded' as const }, payout],
      DEFAULT_EARNINGS_SETTINGS,
      noRegion,
      NOW,
    )
    expect(refunded.income).toEqual({ USD: 0 })
    // The payout made while the commission was settled now exceeds what the balance holds.
    expect(refunded.balance).toEqual({ USD: -1_000 })
  })

  it('keeps deal payments and other income out of the platform balance', () => {
    const r = rollup(
      [
        entry({ kind: 'deal_payment', amountMinor: 50_000 }),
        entry({ kind: 'other', amountMinor: 700 }),
      ],
      DEFAULT_EARNINGS_SETTINGS,
      noRegion,
      NOW,
    )
    expect(r.income).toEqual({ USD: 50_700 })
    expect(r.balance).toEqual({})
  })
})

describe('year to date and this month', () => {
  it('counts only this year up to now', () => {
    const r = rollup(
      [
        entry({ amountMinor: 1, occurredAt: Date.UTC(2025, 11, 31, 23, 59) }),
        entry({ amountMinor: 10, occurredAt: Date.UTC(2026, 0, 1) }),
        entry({ amountMinor: 100, occurredAt: NOW + 1 }),
      ],
      DEFAULT_EARNINGS_SETTINGS,
      noRegion,
      NOW,
    )
    expect(r.yearToDate).toEqual({ USD: 10 })
  })

  it('projects the month at its pace so far, and not before a day has passed', () => {
    const row = {
      month: '2026-06',
      currency: 'USD',
      streams: { gifts: 0, rewards: 0, commissions: 0, deals: 0, other: 1_000 },
      income: 1_000,
      payouts: 0,
      pending: 0,
    }
    // 14.5 days of June's 30 gave 1,000 → 30 days ≈ 2,069.
    expect(monthEstimate(row, NOW)).toBe(Math.round((1_000 / 14.5) * 30))
    expect(monthEstimate(row, Date.UTC(2026, 5, 1, 6))).toBeNull()
    expect(monthEstimate(undefined, NOW)).toBeNull()
  })

  it('lists months without gaps across a year end', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(monthRange('2026-03', '2026-02')).toEqual([])
  })
})
