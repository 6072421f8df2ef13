import type { BestTimeGrid } from './best-time'

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const hourText = (h: number) => `${String(h).padStart(2, '0')}:00`

/** Shading steps of the calendar's best-time hints: 0 = no posts then, 4 = the best cells. */
export const HEAT_LEVELS = 4

/**
 * Each weekday × hour cell as a shading step relative to the account's best cell (1–4), or 0
 * where it posted nothing; the calendar shades its hours with it.
 */
export function heatLevels(grid: BestTimeGrid): number[][] {
  const max = Math.max(0, ...grid.cells.flat().map((v) => v ?? 0))
  return grid.cells.map((hours) =>
    hours.map((v) =>
      v === null ? 0 : max === 0 ? 1 : Math.max(1, Math.ceil((v / max) * HEAT_LEVELS)),
    ),
  )
}

/**
 * The shading said in words (its text alternative): the `count` best weekday-hours on the
 * account's clock, or what is missing.
 */
export function bestTimesText(grid: BestTimeGrid, count = 3): string {
  const cells = grid.cells
    .flatMap((hours, d) => hours.map((v, h) => ({ d, h, v })))
    .filter((c): c is { d: number; h: number; v: number } => c.v !== null)
    .sort((a, b) => b.v - a.v || a.d - b.d || a.h - b.h)
    .slice(0, count)
  if (cells.length === 0)
    return 'No best times yet: they appear once this account’s posts have a week of numbers.'
  const list = cells.map((c) => `${WEEKDAYS[c.d]} ${hourText(c.h)}`).join(', ')
  return `Best times to post (${grid.zone}): ${list} — by the median views after 7 days of ${grid.posts} post${grid.posts === 1 ? '' : 's'}.`
}
