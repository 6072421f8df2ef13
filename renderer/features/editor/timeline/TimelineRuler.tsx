import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import { useStore } from 'zustand'
import type { ProjectStore } from '../project/project-store'
import { formatTimecode, pxToMs, snap, type MarkerMark, type RulerTick } from './timeline-layout'

/**
 * The time ruler above the lanes: second labels spaced for the zoom and the product tags as
 * flags. Click or drag along it to seek (the preview follows); as a slider it also takes the
 * arrow keys (a frame; Shift: a second), Home and End.
 */
export function TimelineRuler({
  store,
  ticks,
  markers,
  pxPerSecond,
  durationMs,
  fps,
  snapPoints,
}: {
  store: ProjectStore
  ticks: readonly RulerTick[]
  markers: readonly MarkerMark[]
  pxPerSecond: number
  durationMs: number
  fps: number
  /** Times a seek snaps to (empty when snapping is off). */
  snapPoints: readonly number[]
}) {
  const strip = useRef<HTMLDivElement>(null)
  const playheadMs = useStore(store, (s) => s.playheadMs)
  const seekTo = (clientX: number) => {
    const rect = strip.current?.getBoundingClientRect()
    if (!rect) return
    const ms = pxToMs(clientX - rect.left, pxPerSecond)
    store.getState().seek(snap(ms, snapPoints, pxPerSecond))
  }
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return
    e.currentTarget.setPointerCapture(e.pointerId)
    seekTo(e.clientX)
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) seekTo(e.clientX)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 1000 : 1000 / fps
    const seek = store.getState().seek
    const keys: Record<string, () => void> = {
      ArrowLeft: () => seek(playheadMs - step),
      ArrowRight: () => seek(playheadMs + step),
      PageUp: () => seek(playheadMs - 1000),
      PageDown: () => seek(playheadMs + 1000),
      Home: () => seek(0),
      End: () => seek(durationMs),
    }
    const action = keys[e.key]
    if (!action) return
    e.preventDefault()
    e.stopPropagation()
    action()
  }
  return (
    <div className="ruler" role="group" aria-label="Ruler">
      <div
        ref={strip}
        className="ruler__strip"
        role="slider"
        tabIndex={0}
        aria-label="Playhead"
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs)}
        aria-valuenow={Math.round(playheadMs)}
        aria-valuetext={formatTimecode(playheadMs, fps)}
        aria-description="Click or drag to move the playhead; arrow keys move it a frame, Shift+arrows a second"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onKeyDown={onKeyDown}
      >
        {ticks.map((tick) => (
          <span
            key={tick.ms}
            className="ruler__tick"
            aria-hidden="true"
            style={{ left: tick.left }}
          >
            {tick.label}
          </span>
        ))}
      </div>
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
