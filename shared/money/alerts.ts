import type { LedgerEntryDoc } from '../data/registry'
import type { EarningsSettings } from './earnings-settings'
import { formatMoney } from './money'
import type { RewardMonth } from './reconcile'
import { monthKey } from './rollup'

export type AlertKind = 'rpm_drop' | 'disqualified' | 'refunds' | 'payout_below_minimum'

export interface EarningsAlert {
  kind: AlertKind
  /** Stable key (dismissal, React lists). */
  key: string
  title: string
  detail: string
}

type AlertEntry = Pick<
  LedgerEntryDoc,
  'id' | 'kind' | 'amountMinor' | 'currency' | 'settlement' | 'occurredAt'
>

/**
 * What needs a person's attention in the earnings: an RPM drop beyond the threshold from one
 * rewards month to the next, each disqualified video, refunds above a share of a month's orders,
 * and payouts below the configured minimum. `rewardMonths` comes from `reconcileRewards`.
 */
export function earningsAlerts(
  entries: Iterable<AlertEntry>,
  rewardMonths: readonly RewardMonth[],
  settings: EarningsSettings,
): EarningsAlert[] {
  const alerts: EarningsAlert[] = []
  for (let i = 1; i < rewardMonths.length; i++) {
    const prev = rewardMonths[i - 1]
    const cur = rewardMonths[i]
    if (!prev || !cur) continue
    for (const [currency, rpm] of Object.entries(cur.rpm)) {
      const before = prev.rpm[currency]
      if (!before || before <= 0) continue
      const drop = (before - rpm) / before
      if (drop > settings.rpmDropShare)
        alerts.push({
          kind: 'rpm_drop',
          key: `rpm:${cur.month}:${currency}`,
          title: `Creator Rewards RPM fell ${Math.round(drop * 100)} % in ${cur.month}`,
          detail: `${formatMoney(before, currency)} → ${formatMoney(rpm, currency)} per 1,000 qualified views (alert above ${Math.round(settings.rpmDropShare * 100)} %).`,
        })
    }
  }
  for (const m of rewardMonths)
    for (const d of m.differences)
      if (d.reason === 'disqualified')
        alerts.push({
          kind: 'disqualified',
          key: `dq:${d.entryId}`,
          title: `A video was disqualified from Creator Rewards (${m.month})`,
          detail: d.explanation,
        })
  const orders = new Map<string, { all: number; refunded: number }>()
  for (const e of entries) {
    if (e.kind === 'commission') {
      const month = monthKey(e.occurredAt)
      const o = orders.get(month) ?? { all: 0, refunded: 0 }
      o.all++
      if (e.settlement === 'refunded') o.refunded++
      orders.set(month, o)
    }
    if (e.kind === 'payout') {
      const minimum = settings.payoutMinimum[e.currency]
      if (minimum !== undefined && e.amountMinor < minimum)
        alerts.push({
          kind: 'payout_below_minimum',
          key: `payout:${e.id}`,
          title: `A payout is below the minimum of ${formatMoney(minimum, e.currency)}`,
          detail: `${formatMoney(e.amountMinor, e.currency)} on ${new Date(e.occurredAt).toISOString().slice(0, 10)}: the platform may refuse or hold it.`,
        })
    }
  }
  for (const [month, o] of [...orders].sort(([a], [b]) => a.localeCompare(b))) {
    if (o.all === 0) continue
    const share = o.refunded / o.all
    if (share > settings.refundShare)
      alerts.push({
        kind: 'refunds',
        key: `refunds:${month}`,
        title: `${Math.round(share * 100)} % of orders were refunded in ${month}`,
        detail: `${o.refunded} of ${o.all} orders; each refund reverses its commission (alert above ${Math.round(settings.refundShare * 100)} %).`,
      })
  }
  return alerts
}
