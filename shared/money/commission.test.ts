import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { effectiveRateBps, withReportedRate } from '../shop/commission'
import { commissionMinor, lockEndsAt } from './commission'

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
  const before: Parameters<typeof effectiveRateBps>[0] = {
    commissionRateBps: 2_000,
    lockedRateBps: null,
    rateLockedUntil: null,
  }
  /** The product after the platform reports a cut to `rateBps` announced at `at`. */
  const cut = (product: typeof before, rateBps: number, at: number) =>
    withReportedRate(product, { commissionRateBps: rateBps, rateLockedUntil: lockEndsAt(at) }, at)

  it('keeps the old rate across the month end until the lock runs out, exactly 30 days later', () => {
    expect(lockEndsAt(jan20)).toBe(Date.UTC(2026, 1, 19, 10))
    const product = cut(before, 1_000, jan20)
    expect(product).toEqual({
      commissionRateBps: 1_000,
      lockedRateBps: 2_000,
      rateLockedUntil: Date.UTC(2026, 1, 19, 10),
    })
    expect(effectiveRateBps(product, Date.UTC(2026, 0, 31, 23))).toBe(2_000)
    expect(effectiveRateBps(product, Date.UTC(2026, 1, 1))).toBe(2_000)
    expect(effectiveRateBps(product, Date.UTC(2026, 1, 19, 9, 59))).toBe(2_000)
    expect(effectiveRateBps(product, Date.UTC(2026, 1, 19, 10))).toBe(1_000)
  })

  it('crosses a February end and a leap day the same way', () => {
    // 2028 is a leap year: 30 days after 10 February is 11 March.
    const product = cut({ ...before, commissionRateBps: 1_500 }, 500, Date.UTC(2028, 1, 10))
    expect(effectiveRateBps(product, Date.UTC(2028, 2, 10, 23))).toBe(1_500)
    expect(effectiveRateBps(product, Date.UTC(2028, 2, 11))).toBe(500)
  })

  it('applies a raise at once: a raise during a pending cut ends the lock', () => {
    const locked = cut(before, 1_000, jan20)
    const raised = withReportedRate(
      locked,
      { commissionRateBps: 2_500, rateLockedUntil: null },
      Date.UTC(2026, 0, 25),
    )
    expect(raised).toEqual({ commissionRateBps: 2_500, lockedRateBps: null, rateLockedUntil: null })
    expect(effectiveRateBps(raised, Date.UTC(2026, 0, 25))).toBe(2_500)
  })

  it('keeps the rate a running lock protects when the platform repeats the cut or cuts again', () => {
    const locked = cut(before, 1_000, jan20)
    // Every poll reports the same cut: nothing changes.
    expect(cut(locked, 1_000, jan20 + DAY)).toEqual({
      ...locked,
      rateLockedUntil: lockEndsAt(jan20 + DAY),
    })
    const again = cut(locked, 500, jan20 + 10 * DAY)
    expect(effectiveRateBps(again, jan20 + 35 * DAY)).toBe(2_000)
    expect(effectiveRateBps(again, lockEndsAt(jan20 + 10 * DAY))).toBe(500)
  })

  it('has no earlier rate to keep for a product first seen during a lock, but shows when it ends', () => {
    const seen = withReportedRate(
      null,
      { commissionRateBps: 800, rateLockedUntil: jan20 + DAY },
      jan20,
    )
    expect(seen).toEqual({
      commissionRateBps: 800,
      lockedRateBps: null,
      rateLockedUntil: jan20 + DAY,
    })
    expect(effectiveRateBps(seen, jan20)).toBe(800)
  })

  it('never gives an order a rate lower than the one in force when a cut was announced, for 30 days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 29 * DAY }),
        (old, next, after) => {
          const product = cut({ ...before, commissionRateBps: old }, next, jan20)
          expect(effectiveRateBps(product, jan20 + after)).toBe(Math.max(old, next))
          expect(effectiveRateBps(product, lockEndsAt(jan20))).toBe(next)
        },
      ),
    )
  })
})
