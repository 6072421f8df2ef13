import { useMemo } from 'react'
import type { RxDocument } from 'rxdb'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import { bestTimeGrid, type BestTimeGrid } from '../../../shared/analytics/best-time'
import { groupByAccount } from '../../../shared/analytics/views'
import { unpackAll } from '../../../shared/analytics/metric-pack'
import type { MetricPackDoc, PostDoc } from '../../../shared/data/registry'

/**
 * The account's best-time grid (the analytics area's rule) for the calendar's hints, on the
 * account's clock; null with "all accounts" selected, where no single clock applies.
 */
export function useBestTimes(
  workspaceId: string,
  accountId: string | null,
  zone: string | null,
  posts: readonly RxDocument<PostDoc>[],
): BestTimeGrid | null {
  const query = useMemo(
    () => ({ selector: { workspaceId, accountId: accountId ?? '' } }),
    [workspaceId, accountId],
  )
  const { results } = useLiveRxQuery<MetricPackDoc>({ collection: 'metrics', query })
  return useMemo(() => {
    if (!accountId || !zone) return null
    const metrics = groupByAccount(unpackAll(results.map((d) => d.toJSON() as MetricPackDoc))).get(
      accountId,
    )
    if (!metrics) return bestTimeGrid([], new Map(), zone)
    const published = posts
      .map((d) => d.toJSON() as PostDoc)
      .filter((p) => p.accountId === accountId)
      .map((p) => ({ id: p.id, publishedAt: p.publish.publishedAt }))
    return bestTimeGrid(published, metrics.posts, zone)
  }, [results, posts, accountId, zone])
}
