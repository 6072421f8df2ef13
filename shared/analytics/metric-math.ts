import type { Measure } from '../data/collections/metrics'
import { addDays, dayNumber, readings, type DatedValue, type MonthFields } from './month-doc'

/**
 * The numbers of the Analytics area from month documents: period ranges, what a period gained,
 * the change against the previous period, engagement rate, daily gains for charts. Counts are
 * cumulative, so a period's gain is the last reading in it minus the last reading before it —
 * which absorbs gaps (days without a reading) and platform corrections (a count that goes down)
 * without double counting.
 */

export const PERIODS = ['7d', '28d', '60d', '365d', 'all', 'custom'] as const
export type PeriodKind = (typeof PERIODS)[number]

export const PERIOD_LABELS: Record<PeriodKind, string> = {
  '7d': 'Last 7 days',
  '28d': 'Last 28 days',
  '60d': 'Last 60 days',
  '365d': 'Last 365 days',
  all: 'All time',
  custom: 'Custom',
}

/** Inclusive UTC day range. */
export interface DayRange {
  from: string
  to: string
}

export interface Period {
  current: DayRange
  /** The same number of days just before; null for "all time". */
  previous: DayRange | null
}

const PERIOD_DAYS: Partial<Record<PeriodKind, number>> = {
  '7d': 7,
  '28d': 28,
  '60d': 60,
  '365d': 365,
}

/**
 * The days of `kind` ending `today` (inclusive). "All time" starts at `firstDay` (the oldest
 * reading); "custom" uses `custom`, and its previous period is as many days before it.
 */
export function periodRange(
  kind: PeriodKind,
  today: string,
  firstDay: string,
  custom?: DayRange,
): Period {
  const days = PERIOD_DAYS[kind]
  const current =
    kind === 'all'
      ? { from: firstDay < today ? firstDay : today, to: today }
      : kind === 'custom' && custom
        ? custom.from <= custom.to
          ? custom
          : { from: custom.to, to: custom.from }
        : { from: addDays(today, -((days ?? 28) - 1)), to: today }
  if (kind === 'all') return { current, previous: null }
  const length = dayNumber(current.to) - dayNumber(current.from) + 1
  return {
    current,
    previous: { from: addDays(current.from, -length), to: addDays(current.from, -1) },
  }
}

/** The last reading at or before `date` (binary search over sorted readings); null if none. */
export function valueAt(series: readonly DatedValue[], date: string): number | null {
  let lo = 0
  let hi = series.length - 1
  let found: number | null = null
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const point = series[mid]
    if (!point) break
    if (point.date <= date) {
      found = point.value
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/**
 * What a cumulative count gained over `range`: last reading in it minus the last one before it
 * (or the first one inside it when history starts inside the range). Null = no reading at all.
 */
export function gained(series: readonly DatedValue[], range: DayRange): number | null {
  const end = valueAt(series, range.to)
  if (end === null) return null
  const before = valueAt(series, addDays(range.from, -1))
  if (before !== null) return end - before
  const first = series.find((p) => p.date >= range.from && p.date <= range.to)
  return first ? end - first.value : null
}

/** Change from `previous` to `current` as a fraction (0.25 = +25 %); null when not comparable. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null
  return (current - previous) / Math.abs(previous)
}

/**
 * Engagement rate: (likes + comments + shares + saves) ÷ views over the same period — the share
 * of views that led to an interaction. Null without views.
 */
export function engagementRate(
  totals: Pick<Totals, 'views' | 'likes' | 'comments' | 'shares' | 'saves'>,
): number | null {
  if (totals.views === null || totals.views <= 0) return null
  const interactions =
    (totals.likes ?? 0) + (totals.comments ?? 0) + (totals.shares ?? 0) + (totals.saves ?? 0)
  return interactions / totals.views
}

export const ENGAGEMENT_RATE_DEFINITION =
  'Likes, comments, shares and saves in the period, divided by the views in the same period.'

export interface Totals {
  /** Followers at the end of the period (a level, not a gain). */
  followers: number | null
  /** Followers gained in the period (negative when lost). */
  followersGained: number | null
  views: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  watchTimeMs: number | null
  profileViews: number | null
  /** Watch time gained ÷ views gained. */
  averageWatchMs: number | null
  engagementRate: number | null
}

export const GAINED_MEASURES = [
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'watchTimeMs',
  'profileViews',
] as const satisfies readonly Measure[]

/** Sorted readings of every measure, computed once per set of documents. */
export type SeriesSet = Record<Measure, DatedValue[]>

export function seriesOf(docs: readonly MonthFields[]): SeriesSet {
  return {
    views: readings(docs, 'views'),
    likes: readings(docs, 'likes'),
    comments: readings(docs, 'comments'),
    shares: readings(docs, 'shares'),
    saves: readings(docs, 'saves'),
    watchTimeMs: readings(docs, 'watchTimeMs'),
    followers: readings(docs, 'followers'),
    profileViews: readings(docs, 'profileViews'),
  }
}

export function totalsOf(series: SeriesSet, range: DayRange): Totals {
  const g = Object.fromEntries(GAINED_MEASURES.map((m) => [m, gained(series[m], range)])) as Record<
    (typeof GAINED_MEASURES)[number],
    number | null
  >
  return {
    ...g,
    followers: valueAt(series.followers, range.to),
    followersGained: gained(series.followers, range),
    averageWatchMs:
      g.watchTimeMs !== null && g.views !== null && g.views > 0 ? g.watchTimeMs / g.views : null,
    engagementRate: engagementRate(g),
  }
}

/** Sums totals (the agency roll-up); a measure no account has stays null. */
export function sumTotals(list: readonly Totals[]): Totals {
  const add = (key: keyof Totals): number | null =>
    list.reduce<number | null>((sum, t) => {
      const v = t[key]
      return v === null ? sum : (sum ?? 0) + v
    }, null)
  const views = add('views')
  const watchTimeMs = add('watchTimeMs')
  const partial = {
    views,
    likes: add('likes'),
    comments: add('comments'),
    shares: add('shares'),
    saves: add('saves'),
  }
  return {
    ...partial,
    followers: add('followers'),
    followersGained: add('followersGained'),
    watchTimeMs,
    profileViews: add('profileViews'),
    averageWatchMs:
      watchTimeMs !== null && views !== null && views > 0 ? watchTimeMs / views : null,
    engagementRate: engagementRate(partial),
  }
}

export interface DailyPoint {
  date: string
  /** The cumulative reading that day (carried from the last one across a gap); null before any. */
  level: number | null
  /** Gained since the previous day; negative for a platform correction; null without data. */
  gain: number | null
}

/** One point per day of `range` for charts and their table view. */
export function dailyPoints(series: readonly DatedValue[], range: DayRange): DailyPoint[] {
  const out: DailyPoint[] = []
  let previous = valueAt(series, addDays(range.from, -1))
  const days = dayNumber(range.to) - dayNumber(range.from) + 1
  let i = series.findIndex((p) => p.date >= range.from)
  if (i < 0) i = series.length
  let level = previous
  for (let d = 0; d < days; d += 1) {
    const date = addDays(range.from, d)
    const point = series[i]
    const has = point !== undefined && point.date === date
    if (has) {
      level = point.value
      i += 1
    }
    out.push({ date, level, gain: has && previous !== null ? level! - previous : has ? 0 : null })
    if (has) previous = level
  }
  return out
}

/** The median of `values` (null when empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2
    ? (sorted[mid] ?? null)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}
