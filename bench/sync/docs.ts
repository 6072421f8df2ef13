import { uuidv7 } from '../../shared/data/ids'
import type { ProductDoc } from '../../shared/data/registry'

/** A shop product as a client would create it: a realistic, small replicated document. */
export function productDoc(workspaceId: string, index: number, now = Date.now()): ProductDoc {
  return {
    id: uuidv7(),
    workspaceId,
    accountId: null,
    updatedAt: now,
    _deleted: false,
    title: `Bench product ${index} — ergonomic ring light with tripod and phone clamp`,
    priceMinor: 1999 + (index % 5000),
    currency: 'USD',
    commissionRateBps: 500 + (index % 1500),
    rateLockedUntil: null,
    lockedRateBps: null,
    shopProductId: `shop-${index}`,
    available: true,
    stock: null,
    imageUrl: null,
    source: 'manual',
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? NaN
}
