import type { AccountDoc } from '../../../shared/data/registry'
import type { RollupRow } from '../../../shared/analytics/views'
import type { Totals } from '../../../shared/analytics/metric-math'
import { formatCount, formatPercent } from './format'
import { Sparkline } from './Sparkline'

interface RollupViewProps {
  /** "All accounts", or the group's name. */
  title: string
  rows: readonly RollupRow[]
  total: Totals
  accounts: ReadonlyMap<string, AccountDoc>
  onOpen: (accountId: string) => void
  onExport: () => void
}

/** Every account side by side, summed in the last row, sorted by follower growth. */
export function RollupView({ title, rows, total, accounts, onOpen, onExport }: RollupViewProps) {
  return (
    <section className="panel" aria-labelledby="rollup-title">
      <div className="panel__header">
        <h2 id="rollup-title">{title}</h2>
        <button type="button" className="button button--small" onClick={onExport}>
          Export CSV
        </button>
      </div>
      <table className="table rollup" data-testid="rollup">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Followers</th>
            <th scope="col">Trend</th>
            <th scope="col">Growth</th>
            <th scope="col">New followers</th>
            <th scope="col">Views</th>
            <th scope="col">Likes</th>
            <th scope="col">Engagement</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const a = accounts.get(r.accountId)
            return (
              <tr key={r.accountId} data-account={r.accountId}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => onOpen(r.accountId)}>
                    @{a?.handle ?? 'unknown'}
                  </button>
                </th>
                <td className="num">{formatCount(r.current.followers, true)}</td>
                <td>
                  <Sparkline values={r.spark} />
                </td>
                <td className="num">{formatPercent(r.growth)}</td>
                <td className="num">{formatCount(r.current.followersGained, true)}</td>
                <td className="num" data-cell="views">
                  {formatCount(r.current.views, true)}
                </td>
                <td className="num">{formatCount(r.current.likes, true)}</td>
                <td className="num">{formatPercent(r.current.engagementRate)}</td>
              </tr>
            )
          })}
        </tbody>
        <tfoot>
          <tr data-testid="rollup-total">
            <th scope="row">{title === 'All accounts' ? title : `Total · ${title}`}</th>
            <td className="num">{formatCount(total.followers, true)}</td>
            <td />
            <td />
            <td className="num">{formatCount(total.followersGained, true)}</td>
            <td className="num" data-cell="views">
              {formatCount(total.views, true)}
            </td>
            <td className="num">{formatCount(total.likes, true)}</td>
            <td className="num">{formatPercent(total.engagementRate)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  )
}
