import type { MetricDoc } from '../data/collections/metrics'
import {
  dailyPoints,
  periodRange,
  relativeChange,
  seriesOf,
  sumTotals,
  totalsOf,
  type DayRange,
  type Period,
  type PeriodKind,
  type SeriesSet,
  type Totals,
} from './metric-math'
import { readings } from './month-doc'

/**
 * What the Analytics views show, derived from an account's month documents: headline totals with
 * their previous period, per-post rows, the agency roll-up. Pure; the page memoises it.
 */

export interface AccountMetrics {
  accountId: string
  series: SeriesSet
  /** Month documents of each post, by post id. */
  posts: Map<string, MetricDoc[]>
  firstDay: string | null
  lastDay: string | null
}

/** Splits a set of metric documents by account, and each account's into its own and its posts'. */
export function groupByAccount(docs: readonly MetricDoc[]): Map<string, AccountMetrics> {
  const own = new Map<string, MetricDoc[]>()
  const posts = new Map<string, Map<string, MetricDoc[]>>()
  for (const doc of docs) {
    if (doc.postId === null) {
      const list = own.get(doc.accountId) ?? []
      list.push(doc)
      own.set(doc.accountId, list)
    } else {
      const byPost = posts.get(doc.accountId) ?? new Map<string, MetricDoc[]>()
      const list = byPost.get(doc.postId) ?? []
      list.push(doc)
      byPost.set(doc.postId, list)
      posts.set(doc.accountId, byPost)
    }
  }
  const out = new Map<string, AccountMetrics>()
  for (const accountId of new Set([...own.keys(), ...posts.keys()])) {
    const series = seriesOf(own.get(accountId) ?? [])
    const days = [...series.views, ...series.followers]
    const dates = days.map((d) => d.date).sort()
    out.set(accountId, {
      accountId,
      series,
      posts: posts.get(accountId) ?? new Map(),
      firstDay: dates[0] ?? null,
      lastDay: dates[dates.length - 1] ?? null,
    })
  }
  return out
}

export interface Headline {
  period: Period
  current: Totals
  previous: Totals | null
}

export function headline(
  metrics: AccountMetrics,
  kind: PeriodKind,
  today: string,
  custom?: DayRange,
): Headline {
  const period = periodRange(kind, today, metrics.firstDay ?? today, custom)
  return {
    period,
    current: totalsOf(metrics.series, period.current),
    previous: period.previous ? totalsOf(metrics.series, period.previous) : null,
  }
}

export function changeOf(h: Headline, key: keyof Totals): number | null {
  return h.previous ? relativeChange(h.current[key], h.previous[key]) : null
}

export interface PostRow {
  postId: string
  views: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  engagementRate: number | null
  /** Latest cumulative views (lifetime). */
  lifetimeViews: number | null
}

/** One row per post with what it gained in `range`. */
export function postRows(metrics: AccountMetrics, range: DayRange): PostRow[] {
  const rows: PostRow[] = []
  for (const [postId, docs] of metrics.posts) {
    const t = totalsOf(seriesOf(docs), range)
    const lifetime = readings(docs, 'views')
    rows.push({
      postId,
      views: t.views,
      likes: t.likes,
      comments: t.comments,
      shares: t.shares,
      saves: t.saves,
      engagementRate: t.engagementRate,
      lifetimeViews: lifetime[lifetime.length - 1]?.value ?? null,
    })
  }
  return rows
}

export interface RollupRow {
  accountId: string
  current: Totals
  previous: Totals | null
  /** Followers gained against the previous period (the sort key), null when not comparable. */
  growth: number | null
  /** Follower level per day of the period, for a sparkline. */
  spark: (number | null)[]
}

/** Every account side by side and summed, sorted by follower growth (most first). */
export function rollup(
  accounts: readonly AccountMetrics[],
  kind: PeriodKind,
  today: string,
  custom?: DayRange,
): { rows: RollupRow[]; total: Totals; totalPrevious: Totals | null } {
  const firstDay =
    accounts
      .map((a) => a.firstDay)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? today
  const period = periodRange(kind, today, firstDay, custom)
  const rows = accounts.map((a): RollupRow => {
    const current = totalsOf(a.series, period.current)
    const previous = period.previous ? totalsOf(a.series, period.previous) : null
    const spark = dailyPoints(a.series.followers, period.current).map((p) => p.level)
    const base =
      current.followers !== null && current.followersGained !== null
        ? current.followers - current.followersGained
        : null
    return {
      accountId: a.accountId,
      current,
      previous,
      growth: base && current.followersGained !== null ? current.followersGained / base : null,
      spark,
    }
  })
  rows.sort((a, b) => (b.growth ?? -Infinity) - (a.growth ?? -Infinity))
  return {
    rows,
    total: sumTotals(rows.map((r) => r.current)),
    totalPrevious: period.previous
      ? sumTotals(rows.map((r) => r.previous).filter((t): t is Totals => t !== null))
      : null,
  }
}

/** The current range the roll-up of `accounts` covers. */
export function rollupRange(
  accounts: readonly AccountMetrics[],
  kind: PeriodKind,
  today: string,
  custom?: DayRange,
): DayRange {
  const firstDay =
    accounts
      .map((a) => a.firstDay)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? today
  return periodRange(kind, today, firstDay, custom).current
}
