/** Number formats of the Analytics area (the user's locale). */

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 })
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 })
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })
const signedPercent = new Intl.NumberFormat(undefined, {
  style: 'percent',
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
})

export function formatCount(n: number | null, exact = false): string {
  if (n === null) return '—'
  return exact || Math.abs(n) < 10_000 ? whole.format(n) : compact.format(n)
}

export function formatPercent(n: number | null): string {
  return n === null ? '—' : percent.format(n)
}

export function formatChange(n: number | null): string {
  return n === null ? 'no earlier data' : signedPercent.format(n)
}

/** Watch time: "3.2 h", "12 min", "45 s". */
export function formatDurationMs(ms: number | null): string {
  if (ms === null) return '—'
  const s = ms / 1000
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`
  const min = s / 60
  if (min < 90) return `${Math.round(min)} min`
  const h = min / 60
  return h < 10_000 ? `${h.toFixed(1)} h` : `${compact.format(h)} h`
}
