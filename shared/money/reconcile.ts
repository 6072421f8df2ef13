import type { LedgerEntryDoc } from '../data/registry'
import { addTo, type CurrencyTotals } from './money'
import { monthKey } from './rollup'

export type RewardEntry = Pick<
  LedgerEntryDoc,
  'id' | 'accountId' | 'kind' | 'amountMinor' | 'currency' | 'refs' | 'detail' | 'occurredAt'
>

export type DifferenceReason = 'disqualified' | 'views_added' | 'views_removed' | 'no_estimate'

export interface RewardDifference {
  entryId: string
  postId: string | null
  currency: string
  estimatedMinor: number | null
  paidMinor: number
  /** paid − estimated (null when no estimate was reported). */
  differenceMinor: number | null
  reason: DifferenceReason
  explanation: string
}

export interface RewardMonth {
  month: string
  estimated: CurrencyTotals
  paid: CurrencyTotals
  qualifiedViews: number
  /** Paid per 1,000 qualified views, per currency (minor units, rounded). */
  rpm: CurrencyTotals
  videos: number
  disqualified: number
  differences: RewardDifference[]
}

/**
 * Creator Rewards estimated vs paid, per month, and what explains each video's difference: a
 * disqualified video (its estimate is never paid), views counted after the estimate (late views,
 * paid more) or views removed in review (paid less). Videos paid exactly as estimated are not
 * listed. Months are the rewards' own month, not the payment date.
 */
export function reconcileRewards(entries: Iterable<RewardEntry>): RewardMonth[] {
  const months = new Map<string, RewardMonth>()
  for (const e of entries) {
    if (e.kind !== 'reward') continue
    const month = e.detail.month ?? monthKey(e.occurredAt)
    let m = months.get(month)
    if (!m) {
      m = {
        month,
        estimated: {},
        paid: {},
        qualifiedViews: 0,
        rpm: {},
        videos: 0,
        disqualified: 0,
        differences: [],
      }
      months.set(month, m)
    }
    m.videos++
    addTo(m.paid, e.currency, e.amountMinor)
    if (e.detail.estimatedMinor !== null) addTo(m.estimated, e.currency, e.detail.estimatedMinor)
    m.qualifiedViews += e.detail.qualifiedViews ?? 0
    const base = {
      entryId: e.id,
      postId: e.refs.postId,
      currency: e.currency,
      estimatedMinor: e.detail.estimatedMinor,
      paidMinor: e.amountMinor,
    }
    if (e.detail.disqualified !== null) {
      m.disqualified++
      m.differences.push({
        ...base,
        differenceMinor:
          e.detail.estimatedMinor === null ? null : e.amountMinor - e.detail.estimatedMinor,
        reason: 'disqualified',
        explanation: `Disqualified: ${e.detail.disqualified}`,
      })
      continue
    }
    if (e.detail.estimatedMinor === null) {
      m.differences.push({
        ...base,
        differenceMinor: null,
        reason: 'no_estimate',
        explanation: 'No estimate was reported for this video',
      })
      continue
    }
    const diff = e.amountMinor - e.detail.estimatedMinor
    if (diff === 0) continue
    m.differences.push({
      ...base,
      differenceMinor: diff,
      reason: diff > 0 ? 'views_added' : 'views_removed',
      explanation:
        diff > 0
          ? 'Late views counted after the estimate'
          : 'Views removed in review after the estimate (invalid or unqualified)',
    })
  }
  const out = [...months.values()].sort((a, b) => a.month.localeCompare(b.month))
  // RPM of what was paid, from the per-video qualified views.
  for (const m of out)
    for (const [currency, paid] of Object.entries(m.paid))
      m.rpm[currency] = m.qualifiedViews > 0 ? Math.round((paid * 1000) / m.qualifiedViews) : 0
  return out
}
