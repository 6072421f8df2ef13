import { commit, fail } from './edit'
import {
  MAX_OVERLAY_TRACKS,
  MIN_CLIP_MS,
  type Clip,
  type ImageOverlay,
  type OverlayClip,
  type OverlayClipInput,
  type ProductMarker,
  type TextOverlay,
  type Timeline,
} from './model'
import type { TimelineInput } from './model'
import { itemSpan, MUSIC_ID, musicEndMs, sameItem, type ItemRef } from './selection'
import { clipSpans, timelineDurationMs } from './time'

/**
 * Edits made by dragging on the timeline (and their keyboard equivalents): trimming with or
 * without ripple, moving items in time and between overlay tracks, deleting with ripple, copy
 * and paste. Drags pass the distance moved; each operation clamps it to what the media and the
 * neighbours allow, so an edge stops at its limit instead of the drag being refused. Each
 * returns a validated timeline, the same object when nothing changed.
 */

/** Texts and images last at least this long (shorter ones are a mis-drag). */
export const MIN_ITEM_MS = 100
/** Items starting within this much of an edit point count as after it. */
const EPSILON_MS = 0.5

export type Edge = 'start' | 'end'

export interface TrimOptions {
  /** Ripple (default): what follows moves with the edge. Off: a roll edit between neighbours. */
  readonly ripple?: boolean
  /** Length of a media file, so an edge cannot be dragged past the end of its media. */
  readonly mediaDurationMs?: (mediaId: string) => number | undefined
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi)

/** While validation is off (a drag's drafts), results are taken as built from valid parts. */
let validating = true

function finish(op: string, next: TimelineInput): Timeline {
  return validating ? commit(op, next) : (next as Timeline)
}

/**
 * Runs `edit` without validating its result: a drag's drafts, shown while the pointer moves —
 * each move would otherwise re-validate every clip. The drop validates the final timeline.
 */
export function unvalidated<T>(edit: () => T): T {
  validating = false
  try {
    return edit()
  } finally {
    validating = true
  }
}

/**
 * Ripple: items on the other tracks (texts, images, overlays, tags, music) that start at or
 * after `atMs` move by `deltaMs`, so captions stay on the pictures they belong to.
 */
export function shiftItemsAfter(t: Timeline, atMs: number, deltaMs: number): Timeline {
  if (deltaMs === 0) return t
  const after = (ms: number) => ms >= atMs - EPSILON_MS
  const shift = (ms: number) => Math.max(0, ms + deltaMs)
  const music = t.audio.music
  return {
    ...t,
    texts: t.texts.map((x) =>
      after(x.startMs) ? { ...x, startMs: shift(x.startMs), endMs: shift(x.endMs) } : x,
    ),
    images: t.images.map((x) =>
      after(x.startMs) ? { ...x, startMs: shift(x.startMs), endMs: shift(x.endMs) } : x,
    ),
    overlays: t.overlays.map((o) => (after(o.startMs) ? { ...o, startMs: shift(o.startMs) } : o)),
    markers: t.markers
      .map((m) => (after(m.atMs) ? { ...m, atMs: shift(m.atMs) } : m))
      .sort((a, b) => a.atMs - b.atMs),
    audio:
      music && music.startMs > 0 && after(music.startMs)
        ? {
            ...t.audio,
            music: {
              ...music,
              startMs: shift(music.startMs),
              endMs: music.endMs === null ? null : shift(music.endMs),
            },
          }
        : t.audio,
  }
}

function indexOfClip(op: string, t: Timeline, clipId: string): number {
  const index = t.clips.findIndex((c) => c.id === clipId)
  if (index < 0) fail(op, `no clip with id "${clipId}"`, 'That clip is no longer on the timeline.')
  return index
}

const mediaEnd = (options: TrimOptions, mediaId: string) =>
  options.mediaDurationMs?.(mediaId) ?? Infinity

/** Moves one edge of a main-track clip by `deltaMs` of timeline time. */
export function trimClipEdge(
  t: Timeline,
  clipId: string,
  edge: Edge,
  deltaMs: number,
  options: TrimOptions = {},
): Timeline {
  return options.ripple === false
    ? rollClipEdge(t, clipId, edge, deltaMs, options)
    : rippleClipEdge(t, clipId, edge, deltaMs, options)
}

function rippleClipEdge(
  t: Timeline,
  clipId: string,
  edge: Edge,
  deltaMs: number,
  options: TrimOptions,
): Timeline {
  const index = indexOfClip('trimClipEdge', t, clipId)
  const clip = t.clips[index] as Clip
  const span = clipSpans(t)[index]
  const min = MIN_CLIP_MS * clip.speed
  let { inMs, outMs } = clip
  if (edge === 'end') {
    outMs = clamp(outMs + deltaMs * clip.speed, inMs + min, mediaEnd(options, clip.mediaId))
  } else {
    inMs = clamp(inMs + deltaMs * clip.speed, 0, outMs - min)
  }
  if (inMs === clip.inMs && outMs === clip.outMs) return t
  const lengthDelta = (outMs - inMs - (clip.outMs - clip.inMs)) / clip.speed
  const clips = t.clips.map((c, i) => (i === index ? { ...clip, inMs, outMs } : c))
  return finish('trimClipEdge', shiftItemsAfter({ ...t, clips }, span?.endMs ?? 0, lengthDelta))
}

/**
 * Without ripple: the cut between this clip and its neighbour moves, the neighbour giving or
 * taking the time, so nothing else on the timeline moves. An outer edge (the first clip's start,
 * the last clip's end) has no neighbour: it trims, and only the video's length changes.
 */
function rollClipEdge(
  t: Timeline,
  clipId: string,
  edge: Edge,
  deltaMs: number,
  options: TrimOptions,
): Timeline {
  const index = indexOfClip('trimClipEdge', t, clipId)
  const clip = t.clips[index] as Clip
  const other = t.clips[edge === 'end' ? index + 1 : index - 1]
  if (!other) {
    const trimmed = rippleClipEdge(t, clipId, edge, deltaMs, options)
    if (trimmed === t) return t
    // Put the other tracks back where they were: only this clip changed.
    return finish('trimClipEdge', { ...trimmed, ...pick(t) })
  }
  const [left, right] = edge === 'end' ? [clip, other] : [other, clip]
  const lmin = MIN_CLIP_MS * left.speed
  const rmin = MIN_CLIP_MS * right.speed
  // The cut moves by d of timeline time: left.out += d·ls, right.in += d·rs, both within limits.
  const lo = Math.max((left.inMs + lmin - left.outMs) / left.speed, -right.inMs / right.speed)
  const hi = Math.min(
    (mediaEnd(options, left.mediaId) - left.outMs) / left.speed,
    (right.outMs - rmin - right.inMs) / right.speed,
  )
  const d = clamp(deltaMs, Math.min(lo, 0), Math.max(hi, 0))
  if (d === 0) return t
  const clips = t.clips.map((c) =>
    c.id === left.id
      ? { ...left, outMs: left.outMs + d * left.speed }
      : c.id === right.id
        ? { ...right, inMs: right.inMs + d * right.speed }
        : c,
  )
  return finish('trimClipEdge', { ...t, clips })
}

function pick(t: Timeline) {
  return {
    texts: t.texts,
    images: t.images,
    overlays: t.overlays,
    markers: t.markers,
    audio: t.audio,
  }
}

/** Removes a main-track clip; what followed it on the other tracks moves up with the clips. */
export function removeClipRipple(t: Timeline, clipId: string): Timeline {
  const index = indexOfClip('removeClip', t, clipId)
  const span = clipSpans(t)[index]
  const clips = t.clips.filter((_, i) => i !== index)
  // The last remaining clip cannot keep a transition into nothing.
  const last = clips.length - 1
  const cleaned = clips.map((c, i) => (i === last ? withoutTransition(c) : c))
  const delta = timelineDurationMs({ clips: cleaned }) - timelineDurationMs(t)
  return finish('removeClip', shiftItemsAfter({ ...t, clips: cleaned }, span?.endMs ?? 0, delta))
}

function withoutTransition(clip: Clip): Clip {
  if (!clip.transitionOut) return clip
  const rest: Partial<Clip> = { ...clip }
  delete rest.transitionOut
  return rest as Clip
}

// ── Overlay clips ──────────────────────────────────────────────────────────────────────────────

export function addOverlay(t: Timeline, overlay: OverlayClipInput): Timeline {
  return finish('addOverlay', { ...t, overlays: [...t.overlays, overlay] })
}

export type OverlayPatch = Partial<
  Pick<OverlayClipInput, 'x' | 'y' | 'width' | 'opacity' | 'muted'>
>

export function updateOverlay(t: Timeline, id: string, patch: OverlayPatch): Timeline {
  const found = t.overlays.some((o) => o.id === id)
  if (!found)
    fail(
      'updateOverlay',
      `no overlay with id "${id}"`,
      'That overlay is no longer on the timeline.',
    )
  return finish('updateOverlay', {
    ...t,
    overlays: t.overlays.map((o) => (o.id === id ? { ...o, ...patch, id } : o)),
  })
}

function overlayOf(op: string, t: Timeline, id: string): OverlayClip {
  const o = t.overlays.find((x) => x.id === id)
  if (!o) fail(op, `no overlay with id "${id}"`, 'That overlay is no longer on the timeline.')
  return o
}

// ── Moving and trimming any item ───────────────────────────────────────────────────────────────

/**
 * Moves an item in time by `deltaMs` (never before 0) and, for overlay clips, to another track.
 * Main-track clips are reordered with moveClip instead: the main track has no gaps.
 */
export function moveItem(t: Timeline, ref: ItemRef, deltaMs: number, toTrack?: number): Timeline {
  const later = (start: number) => Math.max(deltaMs, -start)
  switch (ref.kind) {
    case 'clip':
      return fail(
        'moveItem',
        'main-track clips are reordered, not moved',
        'Drag a clip to reorder it.',
      )
    case 'overlay': {
      const o = overlayOf('moveItem', t, ref.id)
      const d = later(o.startMs)
      const track = toTrack ?? o.track
      if (d === 0 && track === o.track) return t
      return finish('moveItem', {
        ...t,
        overlays: t.overlays.map((x) =>
          x.id === o.id ? { ...o, startMs: o.startMs + d, track } : x,
        ),
      })
    }
    case 'text':
    case 'image': {
      const list: readonly (TextOverlay | ImageOverlay)[] = ref.kind === 'text' ? t.texts : t.images
      const item = list.find((x) => x.id === ref.id)
      if (!item)
        return fail(
          'moveItem',
          `no item with id "${ref.id}"`,
          'That item is no longer on the timeline.',
        )
      const d = later(item.startMs)
      if (d === 0) return t
      const move = <T extends { id: string; startMs: number; endMs: number }>(x: T): T =>
        x.id === ref.id ? { ...x, startMs: x.startMs + d, endMs: x.endMs + d } : x
      return finish(
        'moveItem',
        ref.kind === 'text'
          ? { ...t, texts: t.texts.map(move) }
          : { ...t, images: t.images.map(move) },
      )
    }
    case 'music': {
      const music = t.audio.music
      if (!music) return fail('moveItem', 'the timeline has no music', 'Add music first.')
      const d = later(music.startMs)
      if (d === 0) return t
      return finish('moveItem', {
        ...t,
        audio: {
          ...t.audio,
          music: {
            ...music,
            startMs: music.startMs + d,
            endMs: music.endMs === null ? null : music.endMs + d,
          },
        },
      })
    }
    case 'marker': {
      const marker = t.markers.find((m) => m.id === ref.id)
      if (!marker)
        return fail('moveItem', `no marker with id "${ref.id}"`, 'That product tag is gone.')
      const d = later(marker.atMs)
      if (d === 0) return t
      return finish('moveItem', {
        ...t,
        markers: t.markers
          .map((m) => (m.id === ref.id ? { ...m, atMs: m.atMs + d } : m))
          .sort((a, b) => a.atMs - b.atMs),
      })
    }
  }
}

/**
 * Moves several items together by the same time (none before 0); overlay clips also move
 * `trackDelta` tracks (each kept within 1…MAX_OVERLAY_TRACKS). Main-track clips are skipped.
 */
export function moveItems(
  t: Timeline,
  refs: readonly ItemRef[],
  deltaMs: number,
  trackDelta = 0,
): Timeline {
  const movable = refs.filter((r) => r.kind !== 'clip')
  const starts = movable.map((r) => itemSpan(t, r)?.startMs ?? 0)
  const d = Math.max(deltaMs, -Math.min(...starts, Infinity))
  let next = t
  for (const ref of movable) {
    const track =
      ref.kind === 'overlay'
        ? clamp(
            (t.overlays.find((o) => o.id === ref.id)?.track ?? 1) + trackDelta,
            1,
            MAX_OVERLAY_TRACKS,
          )
        : undefined
    next = moveItem(next, ref, d, track)
  }
  return next
}

/** Moves one edge of any item by `deltaMs`; main-track clips ripple unless told not to. */
export function trimItem(
  t: Timeline,
  ref: ItemRef,
  edge: Edge,
  deltaMs: number,
  options: TrimOptions = {},
): Timeline {
  switch (ref.kind) {
    case 'clip':
      return trimClipEdge(t, ref.id, edge, deltaMs, options)
    case 'overlay': {
      const o = overlayOf('trimItem', t, ref.id)
      const min = MIN_CLIP_MS * o.speed
      let { startMs, inMs, outMs } = o
      if (edge === 'start') {
        const lo = Math.max(-o.startMs, -o.inMs / o.speed)
        const d = clamp(deltaMs, Math.min(lo, 0), (o.outMs - min - o.inMs) / o.speed)
        startMs += d
        inMs += d * o.speed
      } else {
        outMs = clamp(outMs + deltaMs * o.speed, inMs + min, mediaEnd(options, o.mediaId))
      }
      if (startMs === o.startMs && inMs === o.inMs && outMs === o.outMs) return t
      return finish('trimItem', {
        ...t,
        overlays: t.overlays.map((x) => (x.id === o.id ? { ...o, startMs, inMs, outMs } : x)),
      })
    }
    case 'text':
    case 'image': {
      const list: readonly (TextOverlay | ImageOverlay)[] = ref.kind === 'text' ? t.texts : t.images
      const item = list.find((x) => x.id === ref.id)
      if (!item)
        return fail(
          'trimItem',
          `no item with id "${ref.id}"`,
          'That item is no longer on the timeline.',
        )
      const startMs =
        edge === 'start' ? clamp(item.startMs + deltaMs, 0, item.endMs - MIN_ITEM_MS) : item.startMs
      const endMs =
        edge === 'end' ? Math.max(item.endMs + deltaMs, item.startMs + MIN_ITEM_MS) : item.endMs
      if (startMs === item.startMs && endMs === item.endMs) return t
      const set = <T extends { id: string }>(x: T): T =>
        x.id === ref.id ? { ...x, startMs, endMs } : x
      return finish(
        'trimItem',
        ref.kind === 'text'
          ? { ...t, texts: t.texts.map(set) }
          : { ...t, images: t.images.map(set) },
      )
    }
    case 'music': {
      const music = t.audio.music
      if (!music) return fail('trimItem', 'the timeline has no music', 'Add music first.')
      const fileMs = options.mediaDurationMs?.(music.mediaId)
      const end = musicEndMs(t, fileMs)
      if (edge === 'start') {
        const lo = Math.max(-music.startMs, -music.inMs)
        const d = clamp(deltaMs, Math.min(lo, 0), end - MIN_ITEM_MS - music.startMs)
        if (d === 0) return t
        return finish('trimItem', {
          ...t,
          audio: {
            ...t.audio,
            music: { ...music, startMs: music.startMs + d, inMs: music.inMs + d },
          },
        })
      }
      const fileEnd = fileMs === undefined ? Infinity : music.startMs + fileMs - music.inMs
      const endMs = clamp(end + deltaMs, music.startMs + MIN_ITEM_MS, fileEnd)
      if (endMs === end && music.endMs !== null) return t
      return finish('trimItem', { ...t, audio: { ...t.audio, music: { ...music, endMs } } })
    }
    case 'marker':
      return moveItem(t, ref, deltaMs)
  }
}

// ── Delete, copy and paste ─────────────────────────────────────────────────────────────────────

/** Deletes the items; main-track clips ripple (what follows moves up). */
export function removeItems(t: Timeline, refs: readonly ItemRef[]): Timeline {
  if (refs.length === 0) return t
  const has = (kind: ItemRef['kind'], id: string) => refs.some((r) => sameItem(r, { kind, id }))
  // Later clips first, so each ripple measures from where the clip really is.
  let next = t
  for (const clip of [...t.clips].reverse()) {
    if (has('clip', clip.id)) next = removeClipRipple(next, clip.id)
  }
  const audio = { ...next.audio }
  if (has('music', MUSIC_ID)) delete audio.music
  return finish('removeItems', {
    ...next,
    overlays: next.overlays.filter((o) => !has('overlay', o.id)),
    texts: next.texts.filter((x) => !has('text', x.id)),
    images: next.images.filter((x) => !has('image', x.id)),
    markers: next.markers.filter((m) => !has('marker', m.id)),
    audio,
  })
}

/** Copied items, with times relative to the earliest of them. */
export interface TimelineClipboard {
  readonly clips: readonly Clip[]
  readonly overlays: readonly OverlayClip[]
  readonly texts: readonly TextOverlay[]
  readonly images: readonly ImageOverlay[]
  readonly markers: readonly ProductMarker[]
}

export function copyItems(t: Timeline, refs: readonly ItemRef[]): TimelineClipboard {
  const has = (kind: ItemRef['kind'], id: string) => refs.some((r) => sameItem(r, { kind, id }))
  const overlays = t.overlays.filter((o) => has('overlay', o.id))
  const texts = t.texts.filter((x) => has('text', x.id))
  const images = t.images.filter((x) => has('image', x.id))
  const markers = t.markers.filter((m) => has('marker', m.id))
  const starts = [
    ...overlays.map((o) => o.startMs),
    ...texts.map((x) => x.startMs),
    ...images.map((x) => x.startMs),
    ...markers.map((m) => m.atMs),
  ]
  const origin = starts.length ? Math.min(...starts) : 0
  return {
    clips: t.clips.filter((c) => has('clip', c.id)).map(withoutTransition),
    overlays: overlays.map((o) => ({ ...o, startMs: o.startMs - origin })),
    texts: texts.map((x) => ({ ...x, startMs: x.startMs - origin, endMs: x.endMs - origin })),
    images: images.map((x) => ({ ...x, startMs: x.startMs - origin, endMs: x.endMs - origin })),
    markers: markers.map((m) => ({ ...m, atMs: m.atMs - origin })),
  }
}

export function isClipboardEmpty(c: TimelineClipboard): boolean {
  return (
    c.clips.length + c.overlays.length + c.texts.length + c.images.length + c.markers.length === 0
  )
}

/**
 * Pastes at `atMs`: copied clips go into the main track after the clip under the playhead (what
 * follows ripples), the other items at the playhead keeping their spacing. Every pasted item gets
 * a new id; returns the new timeline and the pasted items (to select them).
 */
export function pasteItems(
  t: Timeline,
  clipboard: TimelineClipboard,
  atMs: number,
  newId: () => string,
): { timeline: Timeline; pasted: ItemRef[] } {
  const pasted: ItemRef[] = []
  let next = t
  if (clipboard.clips.length > 0) {
    const spans = clipSpans(t)
    const under = spans.findIndex((s) => atMs >= s.startMs && atMs < s.endMs)
    const insertAt = under < 0 ? (atMs <= 0 ? 0 : t.clips.length) : under + 1
    const clips = clipboard.clips.map((c) => {
      const id = newId()
      pasted.push({ kind: 'clip', id })
      return { ...c, id }
    })
    const before = t.clips.slice(0, insertAt)
    // The clip before the insertion point would now transition into a pasted clip: drop that.
    const lastBefore = before.at(-1)
    const merged = [
      ...before.slice(0, -1),
      ...(lastBefore ? [withoutTransition(lastBefore)] : []),
      ...clips,
      ...t.clips.slice(insertAt),
    ]
    const cut = spans[insertAt - 1]?.endMs ?? 0
    const delta = timelineDurationMs({ clips: merged }) - timelineDurationMs(t)
    next = shiftItemsAfter({ ...t, clips: merged }, cut, delta)
  }
  const at = Math.max(0, atMs)
  const overlays = clipboard.overlays.map((o) => {
    const id = newId()
    pasted.push({ kind: 'overlay', id })
    return { ...o, id, startMs: o.startMs + at }
  })
  const texts = clipboard.texts.map((x) => {
    const id = newId()
    pasted.push({ kind: 'text', id })
    return { ...x, id, startMs: x.startMs + at, endMs: x.endMs + at }
  })
  const images = clipboard.images.map((x) => {
    const id = newId()
    pasted.push({ kind: 'image', id })
    return { ...x, id, startMs: x.startMs + at, endMs: x.endMs + at }
  })
  const markers = clipboard.markers.map((m) => {
    const id = newId()
    pasted.push({ kind: 'marker', id })
    return { ...m, id, atMs: m.atMs + at }
  })
  const timeline = finish('pasteItems', {
    ...next,
    overlays: [...next.overlays, ...overlays],
    texts: [...next.texts, ...texts],
    images: [...next.images, ...images],
    markers: [...next.markers, ...markers].sort((a, b) => a.atMs - b.atMs),
  })
  return { timeline, pasted }
}
