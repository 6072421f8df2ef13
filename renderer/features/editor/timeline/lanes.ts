import { MAX_OVERLAY_TRACKS, type Timeline } from '../../../../shared/timeline/model'
import {
  itemSpan,
  musicEndMs,
  overlayEndMs,
  type ItemRef,
} from '../../../../shared/timeline/selection'
import { clipSpans, timelineDurationMs } from '../../../../shared/timeline/time'
import { formatTimecode, msToPx, pxToMs, SNAP_PX } from './timeline-layout'

/**
 * The timeline's lanes, top to bottom as in the editors creators know: texts, images, the
 * overlay video tracks (highest first), the main track, the music. Pure: positions in pixels at
 * a zoom, names for screen readers, and the drag rules (snapping, reordering by position).
 */
export type LaneKind = 'text' | 'image' | 'overlay' | 'main' | 'music'

export interface LaneItem {
  readonly ref: ItemRef
  readonly left: number
  readonly width: number
  readonly startMs: number
  readonly endMs: number
  /** What the block says ("Launch day", "beach.mp4"). */
  readonly title: string
  readonly mediaId: string | null
  /** Accessible name: what, where and how long. */
  readonly label: string
}

export interface Lane {
  readonly id: string
  readonly kind: LaneKind
  /** Overlay track number (1 = just above the main track). */
  readonly track?: number
  readonly name: string
  readonly items: readonly LaneItem[]
}

function span(t: Timeline, fps: number, startMs: number, endMs: number): string {
  return `${formatTimecode(startMs, fps)} to ${formatTimecode(endMs, fps)}`
}

export function layoutLanes(
  t: Timeline,
  pxPerSecond: number,
  names: Readonly<Record<string, string>>,
  musicDurationMs?: number,
): Lane[] {
  const px = (ms: number) => msToPx(ms, pxPerSecond)
  const item = (
    ref: ItemRef,
    startMs: number,
    endMs: number,
    title: string,
    what: string,
    mediaId: string | null,
  ): LaneItem => ({
    ref,
    startMs,
    endMs,
    left: px(startMs),
    width: Math.max(4, px(endMs - startMs)),
    title,
    mediaId,
    label: `${what} ${title}, ${span(t, t.fps, startMs, endMs)}`,
  })
  const lanes: Lane[] = []
  lanes.push({
    id: 'text',
    kind: 'text',
    name: 'Text track',
    items: t.texts.map((x) =>
      item({ kind: 'text', id: x.id }, x.startMs, x.endMs, x.text, 'Text', null),
    ),
  })
  if (t.images.length > 0) {
    lanes.push({
      id: 'image',
      kind: 'image',
      name: 'Image track',
      items: t.images.map((x) =>
        item(
          { kind: 'image', id: x.id },
          x.startMs,
          x.endMs,
          names[x.mediaId] ?? 'image',
          'Image',
          x.mediaId,
        ),
      ),
    })
  }
  const topTrack = Math.min(MAX_OVERLAY_TRACKS, Math.max(0, ...t.overlays.map((o) => o.track)))
  for (let track = topTrack; track >= 1; track--) {
    lanes.push({
      id: `overlay-${track}`,
      kind: 'overlay',
      track,
      name: `Overlay track ${track}`,
      items: t.overlays
        .filter((o) => o.track === track)
        .map((o) =>
          item(
            { kind: 'overlay', id: o.id },
            o.startMs,
            overlayEndMs(o),
            names[o.mediaId] ?? 'video',
            'Overlay',
            o.mediaId,
          ),
        ),
    })
  }
  lanes.push({
    id: 'main',
    kind: 'main',
    name: 'Video track',
    items: clipSpans(t).map((s) => {
      const clip = t.clips[s.index]
      return item(
        { kind: 'clip', id: s.clipId },
        s.startMs,
        s.endMs,
        names[clip?.mediaId ?? ''] ?? 'Clip',
        'Clip',
        clip?.mediaId ?? null,
      )
    }),
  })
  const music = t.audio.music
  lanes.push({
    id: 'music',
    kind: 'music',
    name: 'Music track',
    items: music
      ? [
          item(
            { kind: 'music', id: 'music' },
            music.startMs,
            Math.max(music.startMs + 1, musicEndMs(t, musicDurationMs)),
            names[music.mediaId] ?? 'music',
            'Music',
            music.mediaId,
          ),
        ]
      : [],
  })
  return lanes
}

/**
 * Times a dragged edge or item snaps to: the playhead, the start and end, every clip edge,
 * every other item's edges and the product tags — except the items being dragged.
 */
export function dragSnapPoints(
  t: Timeline,
  playheadMs: number,
  exclude: readonly ItemRef[] = [],
): number[] {
  const points = new Set<number>([0, timelineDurationMs(t), playheadMs])
  const skip = (ref: ItemRef) => exclude.some((e) => e.kind === ref.kind && e.id === ref.id)
  for (const s of clipSpans(t)) {
    if (skip({ kind: 'clip', id: s.clipId })) continue
    points.add(s.startMs)
    points.add(s.endMs)
  }
  const refs: ItemRef[] = [
    ...t.texts.map((x) => ({ kind: 'text' as const, id: x.id })),
    ...t.images.map((x) => ({ kind: 'image' as const, id: x.id })),
    ...t.overlays.map((x) => ({ kind: 'overlay' as const, id: x.id })),
  ]
  for (const ref of refs) {
    if (skip(ref)) continue
    const s = itemSpan(t, ref)
    if (s) {
      points.add(s.startMs)
      points.add(s.endMs)
    }
  }
  for (const m of t.markers) points.add(m.atMs)
  return [...points].sort((a, b) => a - b)
}

/**
 * How far to move so that one of `edges` (times of the dragged thing's edges after moving by
 * `deltaMs`) lands on a snap point within SNAP_PX; returns the adjusted delta and the point.
 */
export function snapDelta(
  edges: readonly number[],
  deltaMs: number,
  points: readonly number[],
  pxPerSecond: number,
): { deltaMs: number; at: number | null } {
  const tolerance = pxToMs(SNAP_PX, pxPerSecond)
  let best: { deltaMs: number; at: number; distance: number } | null = null
  for (const edge of edges) {
    const moved = edge + deltaMs
    for (const p of points) {
      const distance = Math.abs(p - moved)
      if (distance <= tolerance && (!best || distance < best.distance)) {
        best = { deltaMs: deltaMs + (p - moved), at: p, distance }
      }
    }
  }
  return best ? { deltaMs: best.deltaMs, at: best.at } : { deltaMs, at: null }
}

/**
 * Where a main-track clip dragged to `x` pixels goes: before the first clip whose middle is to
 * the right of x (its index once the dragged clip is taken out).
 */
export function reorderIndex(t: Timeline, clipId: string, x: number, pxPerSecond: number): number {
  const spans = clipSpans(t).filter((s) => s.clipId !== clipId)
  const ms = pxToMs(x, pxPerSecond)
  const index = spans.findIndex((s) => (s.startMs + s.endMs) / 2 > ms)
  return index < 0 ? spans.length : index
}

/** The zoom that fits the whole timeline in `widthPx` (with a little room at the end). */
export function fitZoom(durationMs: number, widthPx: number): number {
  if (durationMs <= 0 || widthPx <= 0) return 80
  return (widthPx * 0.95) / (durationMs / 1000)
}
