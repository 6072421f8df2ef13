import type { Timeline } from '../../../../shared/timeline/model'
import { clipSpans, timelineDurationMs } from '../../../../shared/timeline/time'

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
