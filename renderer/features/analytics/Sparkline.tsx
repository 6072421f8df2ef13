/** A tiny inline trend (SVG polyline) for table rows; decorative, the row states the numbers. */
export function Sparkline({ values }: { values: readonly (number | null)[] }) {
  const known = values.filter((v): v is number => v !== null)
  if (known.length < 2) return <span className="muted">—</span>
  const min = Math.min(...known)
  const max = Math.max(...known)
  const span = max - min || 1
  const w = 96
  const h = 24
  const step = w / Math.max(1, values.length - 1)
  const points = values
    .map((v, i) =>
      v === null
        ? null
        : `${(i * step).toFixed(1)},${(h - ((v - min) / span) * (h - 2) - 1).toFixed(1)}`,
    )
    .filter((p): p is string => p !== null)
    .join(' ')
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  )
}
