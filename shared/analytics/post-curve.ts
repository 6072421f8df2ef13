import type { MonthFields } from './month-doc'
import { addDays, dayNumber, readings, type DatedValue } from './month-doc'
import { median, valueAt } from './metric-math'

/**
 * A post's life as a curve by age (day 0 = the day it was published) and the account's median
 * curve of its other posts at the same ages: what the post detail page draws. Pure.
 *
 * Counts are cumulative, so "views at age n" is the last reading on or before that day. A post
 * keeps daily readings for its first 90 days and weekly ones after (month-doc.ts), so later ages
 * step from one weekly reading to the next — for the post and for the median alike.
 */

export interface CurvePoint {
  age: number
  /** This post's cumulative views at that age; null before its first reading. */
  views: number | null
  /** Median of the account's other posts that were at least this old; null with fewer than 3. */
  median: number | null
  /** How many other posts the median is taken over. */
  peers: number
}

/** Fewer posts than this give no median: one or two posts are not a norm to compare with. */
export const MIN_PEERS = 3

export interface PostHistory {
  published: string
  views: DatedValue[]
}

export function postHistory(docs: readonly MonthFields[], published: string): PostHistory {
  return { published, views: readings(docs, 'views') }
}

/** Days from publication to the post's latest reading (its age in the data); -1 without any. */
export function ageOf(history: PostHistory): number {
  const last = history.views[history.views.length - 1]
  return last ? dayNumber(last.date) - dayNumber(history.published) : -1
}

function viewsAtAge(history: PostHistory, age: number): number | null {
  return valueAt(history.views, addDays(history.published, age))
}

/**
 * The post's curve for every age from 0 to its own age (at most `maxAge`), beside the median of
 * `peers` — only peers whose data reaches that age count at that age, so an older post's
 * lifetime never inflates a young age and a young post never drags down an old one.
 */
export function curveAgainstMedian(
  post: PostHistory,
  peers: readonly PostHistory[],
  maxAge = 365,
): CurvePoint[] {
  const age = Math.min(ageOf(post), maxAge)
  const peerAges = peers.map(ageOf)
  const out: CurvePoint[] = []
  for (let a = 0; a <= age; a++) {
    const values: number[] = []
    peers.forEach((peer, i) => {
      if ((peerAges[i] ?? -1) < a) return
      const v = viewsAtAge(peer, a)
      if (v !== null) values.push(v)
    })
    out.push({
      age: a,
      views: viewsAtAge(post, a),
      median: values.length >= MIN_PEERS ? median(values) : null,
      peers: values.length,
    })
  }
  return out
}

/** The post's views at its latest age against the median there: +0.25 = a quarter above. */
export function againstMedian(curve: readonly CurvePoint[]): number | null {
  for (let i = curve.length - 1; i >= 0; i--) {
    const p = curve[i]
    if (p && p.views !== null && p.median !== null)
      return p.median === 0 ? null : (p.views - p.median) / p.median
  }
  return null
}
