const DAY_MS = 86_400_000

export interface Point {
  /** Epoch ms (a day's start). */
  t: number
  value: number
}

export type Projection =
  | { kind: 'date'; at: number; perDay: number }
  | { kind: 'not_at_this_pace'; perDay: number }
  | { kind: 'no_data' }

/** Beyond this, "at this pace" stops meaning anything. */
export const MAX_PROJECTION_DAYS = 3 * 365

/**
 * When a growing number reaches `target`, at the pace of the given window: the least-squares
 * slope per day over its points (robust to one noisy day, unlike last − first). Flat or falling
 * → "not at this pace"; fewer than two days of data → no data. Counted from `now` and the
 * window's last value.
 */
export function projectDate(series: readonly Point[], target: number, now: number): Projection {
  if (series.length < 2) return { kind: 'no_data' }
  const n = series.length
  let sx = 0
  let sy = 0
  for (const p of series) {
    sx += p.t / DAY_MS
    sy += p.value
  }
  const mx = sx / n
  const my = sy / n
  let num = 0
  let den = 0
  for (const p of series) {
    const dx = p.t / DAY_MS - mx
    num += dx * (p.value - my)
    den += dx * dx
  }
  if (den === 0) return { kind: 'no_data' }
  const perDay = num / den
  const last = series[n - 1]?.value ?? 0
  if (last >= target) return { kind: 'date', at: now, perDay }
  if (perDay <= 0) return { kind: 'not_at_this_pace', perDay }
  const days = (target - last) / perDay
  if (days > MAX_PROJECTION_DAYS) return { kind: 'not_at_this_pace', perDay }
  return { kind: 'date', at: now + Math.ceil(days) * DAY_MS, perDay }
}
