import type { Timeline } from '../../../../shared/timeline/model'
import { clipSpans, timelineDurationMs } from '../../../../shared/timeline/time'
import { describeTransition } from '../inspector/transition-values'

/** Zoom as pixels per second of timeline; the zoom control moves between these bounds. */
export const MIN_PX_PER_SECOND = 10
export const MAX_PX_PER_SECOND = 400
export const DEFAULT_PX_PER_SECOND = 80
/** The playhead snaps to a clip edge or marker closer than this many pixels. */
export const SNAP_PX = 8

export interface ClipBox {
  clipId: string
  left: number
  width: number
}

export function msToPx(ms: number, pxPerSecond: number): number {
  return (ms / 1000) * pxPerSecond
}

export function pxToMs(px: number, pxPerSecond: number): number {
  return (px / pxPerSecond) * 1000
}

export function clampZoom(pxPerSecond: number): number {
  return Math.min(MAX_PX_PER_SECOND, Math.max(MIN_PX_PER_SECOND, pxPerSecond))
}

/** Where each clip's block sits on the track, transitions drawn as overlaps. */
export function layoutClips(timeline: Pick<Timeline, 'clips'>, pxPerSecond: number): ClipBox[] {
  return clipSpans(timeline).map((s) => ({
    clipId: s.clipId,
    left: msToPx(s.startMs, pxPerSecond),
    width: Math.max(2, msToPx(s.endMs - s.startMs, pxPerSecond)),
  }))
}

/** Times the playhead snaps to: the start, every clip edge, the end and product markers. */
export function snapPoints(timeline: Pick<Timeline, 'clips' | 'markers'>): number[] {
  const points = new Set<number>([0, timelineDurationMs(timeline)])
  for (const s of clipSpans(timeline)) {
    points.add(s.startMs)
    points.add(s.endMs)
  }
  for (const m of timeline.markers) points.add(m.atMs)
  return [...points].sort((a, b) => a - b)
}

/** `ms` moved to the nearest snap point within SNAP_PX at this zoom, else unchanged. */
export function snap(ms: number, points: readonly number[], pxPerSecond: number): number {
  const tolerance = pxToMs(SNAP_PX, pxPerSecond)
  let best = ms
  let bestDistance = tolerance
  for (const p of points) {
    const d = Math.abs(p - ms)
    if (d <= bestDistance) {
      best = p
      bestDistance = d
    }
  }
  return best
}

/** m:ss.ff (frames) for the timecode display. */
export function formatTimecode(ms: number, fps: number): string {
  const totalFrames = Math.round((ms / 1000) * fps)
  const frames = totalFrames % fps
  const totalSeconds = Math.floor(totalFrames / fps)
  const seconds = totalSeconds % 60
  const minutes = Math.floor(totalSeconds / 60)
  return `${minutes}:${String(seconds).padStart(2, '0')}.${String(frames).padStart(2, '0')}`
}

export interface TransitionMark {
  /** The clip the transition leaves (it is stored on that clip). */
  clipId: string
  /** The overlap of the two clips, where the mark is drawn. */
  left: number
  width: number
  label: string
}

/** The narrowest a transition is drawn, so it stays visible when zoomed out. */
export const MIN_MARK_PX = 6

/** Where each transition sits: over the overlap of the clips it joins, centred on it. */
export function layoutTransitions(
  timeline: Pick<Timeline, 'clips'>,
  pxPerSecond: number,
): TransitionMark[] {
  return clipSpans(timeline).flatMap((span) => {
    const transition = timeline.clips[span.index]?.transitionOut
    if (!transition || span.transitionOutMs <= 0) return []
    const overlap = msToPx(span.transitionOutMs, pxPerSecond)
    const centre = msToPx(span.endMs - span.transitionOutMs, pxPerSecond) + overlap / 2
    const width = Math.max(MIN_MARK_PX, overlap)
    return [
      {
        clipId: span.clipId,
        left: centre - width / 2,
        width,
        label: describeTransition(transition),
      },
    ]
  })
}

export interface MarkerMark {
  id: string
  left: number
  label: string
}

/** Product tags on the ruler, named for screen readers by product and timecode. */
export function layoutMarkers(
  timeline: Pick<Timeline, 'markers' | 'fps'>,
  pxPerSecond: number,
): MarkerMark[] {
  return timeline.markers.map((m) => ({
    id: m.id,
    left: msToPx(m.atMs, pxPerSecond),
    label: `Product tag ${m.productId} at ${formatTimecode(m.atMs, timeline.fps)}`,
  }))
}

/** Ruler spacings in seconds; the zoom picks the first leaving RULER_MIN_GAP_PX between labels. */
const RULER_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300]
export const RULER_MIN_GAP_PX = 56

export interface RulerTick {
  ms: number
  left: number
  label: string
}

/** Labelled ticks from 0 to the end of the timeline (m:ss), spaced for the zoom. */
export function rulerTicks(durationMs: number, pxPerSecond: number): RulerTick[] {
  const step = RULER_STEPS_S.find((s) => s * pxPerSecond >= RULER_MIN_GAP_PX) ?? 300
  const ticks: RulerTick[] = []
  for (let s = 0; s * 1000 <= durationMs; s += step) {
    ticks.push({
      ms: s * 1000,
      left: msToPx(s * 1000, pxPerSecond),
      label: `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`,
    })
  }
  return ticks
}
