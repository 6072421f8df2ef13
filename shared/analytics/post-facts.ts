import type { DealDoc, MediaDoc, PostDoc } from '../data/registry'
import { dailyPoints, type DailyPoint, type DayRange } from './metric-math'
import type { DatedValue } from './month-doc'

/**
 * What the Analytics filters and the post detail page know about a post besides its numbers:
 * its length, the deals it fulfils (a deliverable or a Spark Ads code pointing at it) and the
 * products tagged in it. Pure.
 */

/**
 * Length bands for filtering. Product choices, not platform facts: under 15 s, up to a minute,
 * the one-to-three-minute videos (longer than a minute is what Creator Rewards pays for —
 * PLATFORM-FACTS, Creator Rewards), and longer.
 */
export const DURATION_BANDS = [
  { id: 'short', label: 'Under 15 s', minMs: 0, maxMs: 15_000 },
  { id: 'medium', label: '15–60 s', minMs: 15_000, maxMs: 60_000 },
  { id: 'long', label: '1–3 min', minMs: 60_000, maxMs: 180_000 },
  { id: 'longer', label: 'Over 3 min', minMs: 180_000, maxMs: Infinity },
] as const
export type DurationBandId = (typeof DURATION_BANDS)[number]['id'] | 'unknown'

export function durationBand(durationMs: number | null): DurationBandId {
  if (durationMs === null) return 'unknown'
  return DURATION_BANDS.find((b) => durationMs >= b.minMs && durationMs < b.maxMs)?.id ?? 'unknown'
}

export interface PostFacts {
  /** null: not known (a video posted outside Reeldesk carries no file here). */
  durationMs: number | null
  dealIds: string[]
  productIds: string[]
}

/** The deals that name `postId` in a deliverable or a Spark Ads code. */
export function dealsOfPost(deals: readonly DealDoc[], postId: string): DealDoc[] {
  return deals.filter(
    (d) =>
      !d._deleted &&
      (d.deliverables.some((x) => x.postId === postId) ||
        d.sparkCodes.some((x) => x.postId === postId)),
  )
}

/** Facts of every post, by id: one pass over the deals, not one per post. */
export function postFacts(
  posts: readonly PostDoc[],
  deals: readonly DealDoc[],
  media: ReadonlyMap<string, Pick<MediaDoc, 'durationMs'>>,
): Map<string, PostFacts> {
  const dealsByPost = new Map<string, Set<string>>()
  const link = (postId: string | null, dealId: string) => {
    if (postId === null) return
    const set = dealsByPost.get(postId) ?? new Set<string>()
    set.add(dealId)
    dealsByPost.set(postId, set)
  }
  for (const d of deals) {
    if (d._deleted) continue
    for (const x of d.deliverables) link(x.postId, d.id)
    for (const x of d.sparkCodes) link(x.postId, d.id)
  }
  const out = new Map<string, PostFacts>()
  for (const p of posts) {
    const fromMedia = p.mediaId ? (media.get(p.mediaId)?.durationMs ?? null) : null
    out.set(p.id, {
      durationMs: p.video?.durationMs ?? fromMedia,
      dealIds: [...(dealsByPost.get(p.id) ?? [])],
      productIds: [...new Set(p.productTags.map((t) => t.productId))],
    })
  }
  return out
}

export interface PostFilter {
  /** Empty: every length. */
  bands: readonly DurationBandId[]
  /** null: either. */
  dealLinked: boolean | null
  productTagged: boolean | null
}

export const NO_POST_FILTER: PostFilter = { bands: [], dealLinked: null, productTagged: null }

export function isFiltering(f: PostFilter): boolean {
  return f.bands.length > 0 || f.dealLinked !== null || f.productTagged !== null
}

/** Whether a post with `facts` (undefined: not in the local store) passes `filter`. */
export function passes(facts: PostFacts | undefined, filter: PostFilter): boolean {
  if (!isFiltering(filter)) return true
  if (!facts) return false
  if (filter.bands.length && !filter.bands.includes(durationBand(facts.durationMs))) return false
  if (filter.dealLinked !== null && facts.dealIds.length > 0 !== filter.dealLinked) return false
  if (filter.productTagged !== null && facts.productIds.length > 0 !== filter.productTagged)
    return false
  return true
}

/**
 * Per day of `range`, what a set of posts gained together (the daily chart with a post filter
 * on): each post's gains summed; a day none of them has a reading for stays null.
 */
export function summedGains(
  series: readonly (readonly DatedValue[])[],
  range: DayRange,
): DailyPoint[] {
  let out: DailyPoint[] | null = null
  for (const s of series) {
    const points = dailyPoints(s, range)
    if (!out) {
      out = points.map((p) => ({ date: p.date, level: null, gain: p.gain }))
      continue
    }
    for (let i = 0; i < points.length; i++) {
      const gain = points[i]?.gain ?? null
      const at = out[i]
      if (at && gain !== null) at.gain = (at.gain ?? 0) + gain
    }
  }
  return out ?? dailyPoints([], range).map((p) => ({ ...p, level: null }))
}
