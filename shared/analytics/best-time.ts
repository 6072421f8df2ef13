import { TZDate } from '@date-fns/tz'
import type { MetricDoc } from '../data/collections/metrics'
import { addDays } from './month-doc'
import { median, valueAt } from './metric-math'
import { readings } from './month-doc'

/**
 * Best time to post, from the account's own history: for each weekday × hour its posts were
 * published in — on the clock of `zone`, the account's time zone, so a 09:00 post in Berlin is in
 * the 09:00 row in winter and in summer — the median of their views after their first 7 days.
 * Cells without posts are null. Pure; the analytics heatmap and the publishing calendar's hints
 * read the same grid.
 */
export const BEST_TIME_AFTER_DAYS = 7

export interface BestTimeGrid {
  /** [weekday 0 = Monday][hour 0–23] → median views after 7 days, or null. */
  cells: (number | null)[][]
  /** Posts that counted (published at least 7 days before their last reading). */
  posts: number
  /** The IANA zone whose clock the hours are on. */
  zone: string
}

export function bestTimeGrid(
  posts: readonly { id: string; publishedAt: number | null }[],
  monthsByPost: ReadonlyMap<string, readonly MetricDoc[]>,
  zone: string,
): BestTimeGrid {
  const buckets: number[][][] = Array.from({ length: 7 }, () =>
    Array.from({ length: 24 }, () => []),
  )
  let counted = 0
  for (const post of posts) {
    if (post.publishedAt === null) continue
    const docs = monthsByPost.get(post.id)
    if (!docs) continue
    const views = readings(docs, 'views')
    const published = new Date(post.publishedAt)
    const day = published.toISOString().slice(0, 10)
    const target = addDays(day, BEST_TIME_AFTER_DAYS)
    const last = views[views.length - 1]
    if (!last || last.date < target) continue
    const value = valueAt(views, target)
    if (value === null) continue
    const local = new TZDate(post.publishedAt, zone)
    const weekday = (local.getDay() + 6) % 7
    buckets[weekday]?.[local.getHours()]?.push(value)
    counted += 1
  }
  return {
    cells: buckets.map((hours) => hours.map((list) => median(list))),
    posts: counted,
    zone,
  }
}
