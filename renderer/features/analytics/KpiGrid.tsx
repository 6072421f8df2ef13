import { Button, Tooltip, TooltipTrigger } from 'react-aria-components'
import { ENGAGEMENT_RATE_DEFINITION, type Totals } from '../../../shared/analytics/metric-math'
import { changeOf, type Headline } from '../../../shared/analytics/views'
import { formatChange, formatCount, formatDurationMs, formatPercent } from './format'

interface Kpi {
  key: keyof Totals
  label: string
  format: (n: number | null) => string
  hint?: string
}

export const KPIS: readonly Kpi[] = [
  { key: 'followers', label: 'Followers', format: (n) => formatCount(n) },
  { key: 'followersGained', label: 'New followers', format: (n) => formatCount(n) },
  { key: 'views', label: 'Views', format: (n) => formatCount(n) },
  { key: 'likes', label: 'Likes', format: (n) => formatCount(n) },
  { key: 'comments', label: 'Comments', format: (n) => formatCount(n) },
  { key: 'shares', label: 'Shares', format: (n) => formatCount(n) },
  { key: 'saves', label: 'Saves', format: (n) => formatCount(n) },
  { key: 'watchTimeMs', label: 'Watch time', format: formatDurationMs },
  { key: 'averageWatchMs', label: 'Average watch time', format: formatDurationMs },
  {
    key: 'engagementRate',
    label: 'Engagement rate',
    format: formatPercent,
    hint: ENGAGEMENT_RATE_DEFINITION,
  },
]

/** Headline numbers of a period, each with its change against the previous period. */
export function KpiGrid({ headline }: { headline: Headline }) {
  return (
    <dl className="kpis">
      {KPIS.map((kpi) => {
        const change = changeOf(headline, kpi.key)
        const tone = change === null || change === 0 ? 'flat' : change > 0 ? 'up' : 'down'
        return (
          <div key={kpi.key} className="kpi" data-kpi={kpi.key}>
            <dt>
              {kpi.label}
              {kpi.hint ? (
                <TooltipTrigger delay={200}>
                  <Button className="kpi__hint" aria-label={`What is ${kpi.label.toLowerCase()}?`}>
                    ?
                  </Button>
                  <Tooltip className="tooltip" placement="bottom">
                    {kpi.hint}
                  </Tooltip>
                </TooltipTrigger>
              ) : null}
            </dt>
            <dd className="kpi__value">{kpi.format(headline.current[kpi.key])}</dd>
            <dd className={`kpi__change kpi__change--${tone}`}>
              {headline.previous ? formatChange(change) : 'all time'}
            </dd>
          </div>
        )
      })}
    </dl>
  )
}
