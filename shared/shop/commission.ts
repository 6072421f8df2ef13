import type { LedgerEntryDoc } from '../data/collections/ledger'
import type { ProductDoc } from '../data/collections/products'

/**
 * Commission = price paid (after coupons, without tax) × rate (PLATFORM-FACTS, Shop). Rates are
 * basis points; the result is rounded to the nearest minor unit, half up.
 */
export function commissionMinor(paidMinor: number, rateBps: number): number {
  return Math.floor((paidMinor * rateBps) / 10_000 + 0.5)
}

/** The rate that applies to a sale at `at`: a cut rate waits until its 30-day lock ends. */
export function effectiveRateBps(
  product: Pick<ProductDoc, 'commissionRateBps' | 'lockedRateBps' | 'rateLockedUntil'>,
  at: number,
): number {
  if (
    product.lockedRateBps !== null &&
    product.rateLockedUntil !== null &&
    at < product.rateLockedUntil
  )
    return product.lockedRateBps
  return product.commissionRateBps
}

/** What a video earns per sale of a product, shown when the product is tagged. */
export function estimatedCommission(
  product: Pick<
    ProductDoc,
    'priceMinor' | 'commissionRateBps' | 'lockedRateBps' | 'rateLockedUntil'
  >,
  at: number,
): number {
  return commissionMinor(product.priceMinor, effectiveRateBps(product, at))
}

export interface CommissionTotals {
  orders: number
  notSettledMinor: number
  settledMinor: number
  refundedMinor: number
  /** Settled + not settled: refunds are reversed, never counted. */
  netMinor: number
}

const empty = (): CommissionTotals => ({
  orders: 0,
  notSettledMinor: 0,
  settledMinor: 0,
  refundedMinor: 0,
  netMinor: 0,
})

function add(t: CommissionTotals, e: LedgerEntryDoc): void {
  t.orders += 1
  if (e.settlement === 'settled') t.settledMinor += e.amountMinor
  else if (e.settlement === 'refunded') t.refundedMinor += e.amountMinor
  else t.notSettledMinor += e.amountMinor
  t.netMinor = t.settledMinor + t.notSettledMinor
}

/**
 * Commission entries of the ledger summed per product and per post (and overall), split by
 * settlement. One currency per summary: entries in another are left out and counted.
 */
export function commissionSummary(entries: readonly LedgerEntryDoc[], currency: string) {
  const total = empty()
  const byProduct = new Map<string, CommissionTotals>()
  const byPost = new Map<string, CommissionTotals>()
  let otherCurrency = 0
  for (const e of entries) {
    if (e._deleted || e.kind !== 'commission') continue
    if (e.currency !== currency) {
      otherCurrency += 1
      continue
    }
    add(total, e)
    const product = e.refs.productId ?? 'unknown'
    if (!byProduct.has(product)) byProduct.set(product, empty())
    add(byProduct.get(product) ?? empty(), e)
    if (e.refs.postId) {
      if (!byPost.has(e.refs.postId)) byPost.set(e.refs.postId, empty())
      add(byPost.get(e.refs.postId) ?? empty(), e)
    }
  }
  return { total, byProduct, byPost, otherCurrency }
}
