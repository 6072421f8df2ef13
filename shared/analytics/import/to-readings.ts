import type { SeriesSet } from '../metric-math'
import { addDays, type DayReading } from '../month-doc'
import type { ImportDay } from './plan-import'

/**
 * Imported per-day numbers → cumulative day readings the month documents hold, merged with what
 * is stored: a day that already has a reading keeps it (the platform's own numbers win, and
 * re-importing a file changes nothing); a new day is chained from its neighbours — forwards from
 * the reading the day before, or backwards from the one the day after (history older than the
 * first sync) — and an account without any stored history starts from zero. Across a gap
 * between the file and the stored days nothing is known, so the gap is taken as flat. Followers are the
 * day's total in downloads, taken as they are.
 */
const GAINS = [
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'watchTimeMs',
  'profileViews',
] as const

export function importedReadings(days: readonly ImportDay[], stored: SeriesSet): DayReading[] {
  const storedDays = new Set(stored.views.map((p) => p.date))
  const fresh = days.filter((d) => !storedDays.has(d.date))
  if (fresh.length === 0) return []
  const levels = new Map<string, Partial<Record<(typeof GAINS)[number], number>>>()
  for (const measure of GAINS) {
    const known = new Map(stored[measure].map((p) => [p.date, p.value]))
    const gain = new Map<string, number>()
    for (const d of days) if (d[measure] !== undefined) gain.set(d.date, d[measure])
    if (gain.size === 0) continue
    const dates = fresh.map((d) => d.date)
    if (known.size === 0 && dates[0]) known.set(addDays(dates[0], -1), 0)
    const storedDates = stored[measure].map((p) => p.date) // sorted
    const nearestBefore = (date: string) => {
      let found: string | undefined
      for (const d of storedDates) if (d < date) found = d
      return found
    }
    const nearestAfter = (date: string) => storedDates.find((d) => d > date)
    for (const date of dates) {
      if (known.has(date)) continue
      const g = gain.get(date)
      if (g === undefined) continue
      const before = known.get(addDays(date, -1))
      if (before !== undefined) known.set(date, before + g)
      else if (nearestAfter(date) === undefined) {
        // After the last stored reading with a gap between: the gap is taken as flat.
        const anchor = nearestBefore(date)
        if (anchor !== undefined) known.set(date, (known.get(anchor) ?? 0) + g)
      }
    }
    for (const date of [...dates].reverse()) {
      if (known.has(date)) continue
      const next = addDays(date, 1)
      const after = known.get(next)
      const g = gain.get(next)
      if (after !== undefined && g !== undefined) known.set(date, Math.max(0, after - g))
      else {
        // Older history with a gap before the next stored reading: the gap is taken as flat.
        const anchor = nearestAfter(date)
        if (anchor !== undefined) known.set(date, known.get(anchor) ?? 0)
      }
    }
    for (const date of dates) {
      const value = known.get(date)
      if (value === undefined) continue
      const entry = levels.get(date) ?? {}
      entry[measure] = value
      levels.set(date, entry)
    }
  }
  return fresh.map((d) => {
    const l = levels.get(d.date) ?? {}
    return {
      date: d.date,
      views: l.views ?? null,
      likes: l.likes ?? null,
      comments: l.comments ?? null,
      shares: l.shares ?? null,
      saves: l.saves ?? null,
      watchTimeMs: l.watchTimeMs ?? null,
      profileViews: l.profileViews ?? null,
      followers: d.followers ?? null,
    }
  })
}
