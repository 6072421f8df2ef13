import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commissionMinor, lockEndsAt, rateAt } from './commission'

const DAY = 86_400_000

describe('commission = price paid × rate', () => {
  it.each([
    [10_000, 1_000, 1_000],
    [1_999, 1_250, 250], // 249.875 → 250
    [3, 5_000, 2], // 1.5 → 2 (half up)
    [0, 2_000, 0],
  ])('%d minor at %d bps is %d', (paid, bps, expected) => {
    expect(commissionMinor(paid, bps)).toBe(expected)
  })

  it('refuses what is not a price or a rate', () => {
    expect(() => commissionMinor(-1, 100)).toThrow('price paid')
    expect(() => commissionMinor(1.5, 100)).toThrow('price paid')
    expect(() => commissionMinor(100, 10_001)).toThrow('rate')
  })

  it('never exceeds the price and grows with it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 10_000 }),
        (p, r) => {
          const c = commissionMinor(p, r)
          expect(c).toBeLessThanOrEqual(p)
          expect(commissionMinor(p + 10_000, r)).toBeGreaterThanOrEqual(c)
        },
      ),
    )
  })
})

describe('a rate cut locks the old rate for 30 days', () => {
  const jan20 = Date.UTC(2026, 0, 20, 10)
  const changes = [
    { announcedAt: Date.UTC(2025, 11, 1), rateBps: 2_000 },
    { announcedAt: jan20, rateBps: 1_000 },
  ]

  it('keeps the old rate across the month end until the lock runs out, exactly 30 days later', () => {
    expect(lockEndsAt(jan20)).toBe(Date.UTC(2026, 1, 19, 10))
    expect(rateAt(changes, Date.UTC(2026, 0, 31, 23))).toBe(2_000)
    expect(rateAt(changes, Date.UTC(2026, 1, 1))).toBe(2_000)
    expect(rateAt(changes, Date.UTC(2026, 1, 19, 9, 59))).toBe(2_000)
    expect(rateAt(changes, Date.UTC(2026, 1, 19, 10))).toBe(1_000)
  })

  it('crosses a February end and a leap day the same way', () => {
    const feb10 = Date.UTC(2028, 1, 10)
    const cut = [
      { announcedAt: Date.UTC(2028, 0, 1), rateBps: 1_500 },
      { announcedAt: feb10, rateBps: 500 },
    ]
    // 2028 is a leap year: 30 days after 10 February is 11 March.
    expect(rateAt(cut, Date.UTC(2028, 2, 10, 23))).toBe(1_500)
    expect(rateAt(cut, Date.UTC(2028, 2, 11))).toBe(500)
  })

  it('applies a raise at once, and a raise during a pending cut cancels the cut', () => {
    const raise = { announcedAt: Date.UTC(2026, 0, 25), rateBps: 2_500 }
    expect(rateAt([...changes, raise], Date.UTC(2026, 0, 25))).toBe(2_500)
    expect(rateAt([...changes, raise], Date.UTC(2026, 2, 1))).toBe(2_500)
  })

  it('has no rate before the first one, and reads changes in any order', () => {
    expect(rateAt(changes, Date.UTC(2025, 10, 1))).toBeNull()
    expect(rateAt([...changes].reverse(), Date.UTC(2026, 1, 1))).toBe(2_000)
  })

  it('never gives an order a rate lower than the one in force 30 days before a cut', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            announcedAt: fc.integer({ min: 0, max: 400 }),
            rateBps: fc.integer({ min: 0, max: 10_000 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 500 }),
        (raw, day) => {
          const cs = raw.map((c) => ({ announcedAt: c.announcedAt * DAY, rateBps: c.rateBps }))
          const rate = rateAt(cs, day * DAY)
          // Whatever happened, the rate in force is one of the announced rates (or none yet).
          if (rate !== null) expect(cs.map((c) => c.rateBps)).toContain(rate)
          else expect(Math.min(...cs.map((c) => c.announcedAt))).toBeGreaterThan(day * DAY)
        },
      ),
    )
  })
})
