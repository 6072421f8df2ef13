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

/** When the old rate stops applying after a cut announced at `announcedAt`. */
export function lockEndsAt(announcedAt: number): number {
  return announcedAt + SHOP_RULES.rateLockDays * DAY_MS
}
