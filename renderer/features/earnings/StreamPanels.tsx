import type { LedgerEntryDoc } from '../../../shared/data/registry'
import { lockEndsAt } from '../../../shared/money/commission'
import type { EarningsSettings } from '../../../shared/money/earnings-settings'
import { formatMoney } from '../../../shared/money/money'
import type { RewardMonth } from '../../../shared/money/reconcile'
import { entryValue } from '../../../shared/money/streams'

const day = (t: number) => new Date(t).toISOString().slice(0, 10)

function totalsText(totals: Record<string, number>): string {
  const parts = Object.entries(totals).map(([c, m]) => formatMoney(m, c))
  return parts.length ? parts.join(' + ') : '—'
}

/** LIVE sessions of the period: length, diamonds (the truth), top gifters, and their value. */
export function LiveSessions({
  entries,
  settings,
  regionOf,
}: {
  entries: readonly LedgerEntryDoc[]
  settings: EarningsSettings
  regionOf(accountId: string): string | null
}) {
  const gifts = entries.filter((e) => e.kind === 'gift')
  if (gifts.length === 0) return <p className="muted">No LIVE sessions in this period.</p>
  const diamonds = gifts.reduce((s, e) => s + (e.diamonds ?? 0), 0)
  return (
    <table className="table" aria-label="LIVE sessions">
      <thead>
        <tr>
          <th>Date</th>
          <th className="num">Length</th>
          <th className="num">Diamonds</th>
          <th className="num">Top gifters</th>
          <th className="num">Estimated value</th>
        </tr>
      </thead>
      <tbody>
        {gifts.map((e) => {
          const v = entryValue(e, settings, regionOf(e.accountId))
          return (
            <tr key={e.id}>
              <td>{day(e.occurredAt)}</td>
              <td className="num">
                {e.detail.durationSec === null
                  ? '—'
                  : `${Math.round(e.detail.durationSec / 60)} min`}
              </td>
              <td className="num">{e.diamonds?.toLocaleString('en-US') ?? '—'}</td>
              <td className="num">{e.detail.topGifters ?? '—'}</td>
              <td className="num">{formatMoney(v.minor, v.currency)}</td>
            </tr>
          )
        })}
      </tbody>
      <tfoot>
        <tr>
          <th>{gifts.length} sessions</th>
          <th />
          <th className="num">{diamonds.toLocaleString('en-US')}</th>
          <th />
          <th />
        </tr>
      </tfoot>
    </table>
  )
}

/** Creator Rewards per month: estimated vs paid, and what explains each difference. */
export function RewardsReconciliation({ months }: { months: readonly RewardMonth[] }) {
  if (months.length === 0)
    return (
      <p className="muted">
        No Creator Rewards in this period. Payments arrive mid-month for the month before, once the
        account is eligible (see Eligibility).
      </p>
    )
  return (
    <div className="reconcile">
      {[...months].reverse().map((m) => {
        const gap = Object.entries(m.paid).map(
          ([c, paid]) => [c, paid - (m.estimated[c] ?? 0)] as const,
        )
        return (
          <section
            key={m.month}
            className="reconcile__month"
            aria-label={`Creator Rewards ${m.month}`}
          >
            <h3>{m.month}</h3>
            <dl className="reconcile__figures">
              <div>
                <dt>Qualified views</dt>
                <dd>{m.qualifiedViews.toLocaleString('en-US')}</dd>
              </div>
              <div>
                <dt>RPM paid</dt>
                <dd>{totalsText(m.rpm)}</dd>
              </div>
              <div>
                <dt>Estimated</dt>
                <dd>{totalsText(m.estimated)}</dd>
              </div>
              <div>
                <dt>Paid</dt>
                <dd>{totalsText(m.paid)}</dd>
              </div>
              <div>
                <dt>Difference</dt>
                <dd>
                  {gap.map(([c, d]) => `${d > 0 ? '+' : ''}${formatMoney(d, c)}`).join(' + ') ||
                    '—'}
                </dd>
              </div>
            </dl>
            {m.differences.length === 0 ? (
              <p className="muted">Every video was paid as estimated.</p>
            ) : (
              <table className="table" aria-label={`Differences ${m.month}`}>
                <thead>
                  <tr>
                    <th>What explains it</th>
                    <th className="num">Estimated</th>
                    <th className="num">Paid</th>
                    <th className="num">Difference</th>
                  </tr>
                </thead>
                <tbody>
                  {m.differences.map((d) => (
                    <tr key={d.entryId}>
                      <td>{d.explanation}</td>
                      <td className="num">
                        {d.estimatedMinor === null
                          ? '—'
                          : formatMoney(d.estimatedMinor, d.currency)}
                      </td>
                      <td className="num">{formatMoney(d.paidMinor, d.currency)}</td>
                      <td className="num">
                        {d.differenceMinor === null
                          ? '—'
                          : `${d.differenceMinor > 0 ? '+' : ''}${formatMoney(d.differenceMinor, d.currency)}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )
      })}
    </div>
  )
}

const STATE_LABEL = { not_settled: 'Not settled', settled: 'Settled', refunded: 'Refunded' }

/** Shop orders: price paid × rate, state and expected settlement. */
export function Commissions({ entries, now }: { entries: readonly LedgerEntryDoc[]; now: number }) {
  const orders = entries.filter((e) => e.kind === 'commission')
  if (orders.length === 0) return <p className="muted">No shop orders in this period.</p>
  const count = (s: keyof typeof STATE_LABEL) => orders.filter((o) => o.settlement === s).length
  return (
    <>
      <p className="muted">
        {orders.length} orders: {count('settled')} settled, {count('not_settled')} not settled,{' '}
        {count('refunded')} refunded. A refund reverses its commission, even after settlement; a
        rate cut keeps the old rate for 30 days (one announced today would apply from{' '}
        {day(lockEndsAt(now))}).
      </p>
      <table className="table" aria-label="Shop commissions">
        <thead>
          <tr>
            <th>Ordered</th>
            <th>Order</th>
            <th className="num">Price paid</th>
            <th className="num">Rate</th>
            <th className="num">Commission</th>
            <th>State</th>
            <th>Expected settlement</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td>{day(o.occurredAt)}</td>
              <td>{o.refs.orderId ?? '—'}</td>
              <td className="num">
                {o.detail.paidPriceMinor === null
                  ? '—'
                  : formatMoney(o.detail.paidPriceMinor, o.currency)}
              </td>
              <td className="num">
                {o.detail.rateBps === null ? '—' : `${(o.detail.rateBps / 100).toFixed(1)} %`}
              </td>
              <td className={`num${o.settlement === 'refunded' ? ' num--struck' : ''}`}>
                {formatMoney(o.amountMinor, o.currency)}
              </td>
              <td>{o.settlement ? STATE_LABEL[o.settlement] : ''}</td>
              <td>
                {o.settlement === 'not_settled' && o.detail.expectedSettlementAt
                  ? day(o.detail.expectedSettlementAt)
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
