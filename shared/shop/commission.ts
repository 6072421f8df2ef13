import type { LedgerEntryDoc } from '../data/collections/ledger'
import type { ProductDoc } from '../data/collections/products'
import { commissionMinor } from '../money/commission'

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

type RateFields = Pick<ProductDoc, 'commissionRateBps' | 'lockedRateBps' | 'rateLockedUntil'>

/**
 * A product's rate fields after the platform reports its rate at `now`. A cut is reported with
 * the day its 30-day lock ends (PLATFORM-FACTS, Shop): until then the rate in force before the
 * cut keeps applying, so it is kept beside the new one (a cut during an earlier lock keeps the
 * rate that lock protects). A raise, or a lock that has run out, leaves no locked rate. A product
 * first seen during a lock has no earlier rate to keep: the lock's end is still shown.
 */
export function withReportedRate(
  product: RateFields | null,
  reported: { commissionRateBps: number; rateLockedUntil: number | null },
  now: number,
): RateFields {
  const until = reported.rateLockedUntil
  if (until === null || until <= now)
    return {
      commissionRateBps: reported.commissionRateBps,
      lockedRateBps: null,
      rateLockedUntil: null,
    }
  const before = product ? effectiveRateBps(product, now) : null
  return {
    commissionRateBps: reported.commissionRateBps,
    lockedRateBps: before !== null && before > reported.commissionRateBps ? before : null,
    rateLockedUntil: until,
  }
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
