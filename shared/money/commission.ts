import { SHOP_RULES } from './earnings-settings'

const DAY_MS = 86_400_000

/**
 * Commission = price paid (after coupons, without tax) × rate, in basis points, rounded half up
 * to the minor unit. Exact in BigInt, so a large order never loses a cent to floating point.
 */
export function commissionMinor(paidPriceMinor: number, rateBps: number): number {
  if (!Number.isSafeInteger(paidPriceMinor) || paidPriceMinor < 0)
    throw new RangeError('price paid must be a whole, non-negative number of minor units')
  if (!Number.isInteger(rateBps) || rateBps < 0 || rateBps > 10_000)
    throw new RangeError('rate must be 0–10,000 basis points')
  return Number((BigInt(paidPriceMinor) * BigInt(rateBps) + 5_000n) / 10_000n)
}

/** A product's commission rate as announced: `rateBps` from `announcedAt`. */
export interface RateChange {
  announcedAt: number
  rateBps: number
}

/**
 * The rate an order placed at `orderedAt` earns. A raise applies when announced; a cut applies
 * only once the rate in force has had its 30-day lock (exact days, so a cut announced on
 * 20 January applies from 19 February whatever the month lengths). Of the changes in force at
 * a moment, the one announced last wins (a raise during a pending cut cancels the cut). Null
 * before any rate exists.
 */
export function rateAt(changes: readonly RateChange[], orderedAt: number): number | null {
  const ordered = [...changes].sort((a, b) => a.announcedAt - b.announcedAt)
  const effective: { announcedAt: number; from: number; rateBps: number }[] = []
  const inForce = (t: number): number | null => {
    let best: { announcedAt: number; rateBps: number } | null = null
    for (const e of effective)
      if (e.from <= t && (best === null || e.announcedAt >= best.announcedAt)) best = e
    return best?.rateBps ?? null
  }
  for (const change of ordered) {
    const current = inForce(change.announcedAt)
    const isCut = current !== null && change.rateBps < current
    effective.push({
      announcedAt: change.announcedAt,
      from: isCut ? lockEndsAt(change.announcedAt) : change.announcedAt,
      rateBps: change.rateBps,
    })
  }
  return inForce(orderedAt)
}

/** When the old rate stops applying after a cut announced at `announcedAt`. */
export function lockEndsAt(announcedAt: number): number {
  return announcedAt + SHOP_RULES.rateLockDays * DAY_MS
}
