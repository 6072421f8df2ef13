import type { MarkerMark, RulerTick } from './timeline-layout'

/**
 * The time ruler above the tracks: second labels spaced for the zoom, and the product tags as
 * flags (named for screen readers; clicking the ruler seeks and snaps to them like the lanes).
 */
export function TimelineRuler({
  ticks,
  markers,
}: {
  ticks: readonly RulerTick[]
  markers: readonly MarkerMark[]
}) {
  return (
    <div className="ruler" role="group" aria-label="Ruler">
      {ticks.map((tick) => (
        <span key={tick.ms} className="ruler__tick" aria-hidden="true" style={{ left: tick.left }}>
          {tick.label}
        </span>
      ))}
      {markers.map((marker) => (
        <span
          key={marker.id}
          className="ruler__marker"
          role="img"
          aria-label={marker.label}
          title={marker.label}
          style={{ left: marker.left }}
        />
      ))}
    </div>
  )
}
