/** Peaks as mirrored bars: a compact picture for list rows (decorative; the row says the rest). */
export function Waveform({ peaks }: { peaks: readonly number[] }) {
  const height = 40
  return (
    <svg
      className="media-library__waveform"
      viewBox={`0 0 ${peaks.length} ${height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      {peaks.map((peak, i) => {
        const h = Math.max(1, peak * height)
        return <rect key={i} x={i} y={(height - h) / 2} width={0.8} height={h} />
      })}
    </svg>
  )
}
