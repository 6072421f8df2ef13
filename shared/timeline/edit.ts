import type { CanvasPreset, Fps } from './canvas'
import type { Effect } from './effects'
import {
  MAX_SPEED,
  MIN_CLIP_MS,
  MIN_SPEED,
  TimelineError,
  describeIssues,
  formatIssues,
  timelineSchema,
  type Clip,
  type ClipInput,
  type ImageOverlayInput,
  type MusicInput,
  type TextOverlayInput,
  type Timeline,
  type TimelineInput,
  type Transition,
} from './model'
import { clipSpans, sourceTimeMs } from './time'

/**
 * Pure edit operations: each takes a timeline and returns a new, re-validated one (the input is
 * never mutated, so undo is keeping the previous value). Errors are TimelineErrors: `message`
 * names the operation and the problem (logs, tests), `userMessage` says it in plain words.
 */

export function commit(op: string, next: TimelineInput): Timeline {
  const result = timelineSchema.safeParse(next)
  if (!result.success) {
    throw new TimelineError(`${op}: ${formatIssues(result.error)}`, describeIssues(result.error))
  }
  return result.data
}

export function fail(op: string, message: string, userMessage?: string): never {
  throw new TimelineError(`${op}: ${message}`, userMessage)
}

const GONE = 'That item is no longer on the timeline (it may have been removed by another change).'

function clipIndex(op: string, t: Timeline, clipId: string): number {
  const index = t.clips.findIndex((c) => c.id === clipId)
  if (index < 0) fail(op, `no clip with id "${clipId}"`, GONE)
  return index
}

/** Removes the key rather than setting it to undefined, so stored JSON stays clean. */
function withoutTransition<T extends { transitionOut?: unknown }>(
  clip: T,
): Omit<T, 'transitionOut'> {
  const rest: Partial<T> = { ...clip }
  delete rest.transitionOut
  return rest as Omit<T, 'transitionOut'>
}

/** A transition on the last clip has nothing to lead into: drop it after structural edits. */
function withoutDanglingTransition<T extends { transitionOut?: unknown }>(
  clips: readonly T[],
): (T | Omit<T, 'transitionOut'>)[] {
  return clips.map((clip, i) => (i === clips.length - 1 ? withoutTransition(clip) : clip))
}

function replaceClip(t: Timeline, index: number, clip: ClipInput): TimelineInput {
  return { ...t, clips: t.clips.map((c, i) => (i === index ? clip : c)) }
}

function checkSpeed(op: string, speed: number): void {
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    fail(
      op,
      `speed must be between ${MIN_SPEED}× and ${MAX_SPEED}× (got ${speed})`,
      `Speed must be between ${MIN_SPEED}× and ${MAX_SPEED}×.`,
    )
  }
}

// ── Clips ──────────────────────────────────────────────────────────────────────────────────────

/** Inserts a clip at `index` (default: the end). */
export function addClip(t: Timeline, clip: ClipInput, index = t.clips.length): Timeline {
  if (!Number.isInteger(index) || index < 0 || index > t.clips.length) {
    fail(
      'addClip',
      `index ${index} is outside 0..${t.clips.length}`,
      'That place is outside the timeline.',
    )
  }
  if (clip.speed !== undefined) checkSpeed('addClip', clip.speed)
  const clips: ClipInput[] = [...t.clips]
  clips.splice(index, 0, clip)
  return commit('addClip', { ...t, clips: withoutDanglingTransition(clips) })
}

export function removeClip(t: Timeline, clipId: string): Timeline {
  const index = clipIndex('removeClip', t, clipId)
  const clips = t.clips.filter((_, i) => i !== index)
  return commit('removeClip', { ...t, clips: withoutDanglingTransition(clips) })
}

/** Moves a clip to `toIndex` (its index after the move). */
export function moveClip(t: Timeline, clipId: string, toIndex: number): Timeline {
  const from = clipIndex('moveClip', t, clipId)
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= t.clips.length) {
    fail(
      'moveClip',
      `index ${toIndex} is outside 0..${t.clips.length - 1}`,
      'That place is outside the timeline.',
    )
  }
  const clips = [...t.clips]
  const [moved] = clips.splice(from, 1)
  if (moved) clips.splice(toIndex, 0, moved)
  return commit('moveClip', { ...t, clips: withoutDanglingTransition(clips) })
}

/** Sets the source in/out points (either or both). */
export function trimClip(
  t: Timeline,
  clipId: string,
  trim: { inMs?: number; outMs?: number },
): Timeline {
  const index = clipIndex('trimClip', t, clipId)
  const clip = t.clips[index] as Clip
  const inMs = trim.inMs ?? clip.inMs
  const outMs = trim.outMs ?? clip.outMs
  if (!(inMs >= 0) || !Number.isFinite(outMs)) {
    fail('trimClip', 'in/out must be times ≥ 0 ms', 'A clip cannot start before its media does.')
  }
  if (outMs <= inMs) {
    fail(
      'trimClip',
      `out (${outMs} ms) must be after in (${inMs} ms)`,
      'The end of a clip must come after its start.',
    )
  }
  if ((outMs - inMs) / clip.speed < MIN_CLIP_MS) {
    fail(
      'trimClip',
      `a clip lasts at least ${MIN_CLIP_MS} ms on the timeline`,
      `A clip must last at least ${MIN_CLIP_MS / 1000} s.`,
    )
  }
  return commit('trimClip', replaceClip(t, index, { ...clip, inMs, outMs }))
}

/**
 * Splits the clip playing at timeline time `atMs` in two. The first part keeps the id and the
 * incoming transition; the second gets `newClipId` (default: a fresh "<id>-2"-style id) and the
 * outgoing transition.
 */
export function splitClipAt(t: Timeline, atMs: number, newClipId?: string): Timeline {
  const spans = clipSpans(t)
  const index = spans.findIndex((s) => atMs > s.startMs && atMs < s.endMs)
  const span = spans[index]
  const clip = t.clips[index]
  if (!span || !clip) {
    const end = spans.at(-1)?.endMs ?? 0
    const onEdge = spans.some((s) => atMs === s.startMs || atMs === s.endMs)
    fail(
      'splitClipAt',
      `${atMs} ms is not inside a clip (the timeline is 0–${end} ms)`,
      spans.length === 0
        ? 'Add a clip to the timeline before splitting.'
        : onEdge
          ? 'The playhead is on a cut between clips: move it into a clip to split it.'
          : 'Move the playhead onto a clip to split it.',
    )
  }
  if (atMs < span.startMs + span.transitionInMs || atMs > span.endMs - span.transitionOutMs) {
    fail(
      'splitClipAt',
      `${atMs} ms is inside a transition: split outside it`,
      'The playhead is inside a transition: move it out of the transition to split.',
    )
  }
  if (atMs - span.startMs < MIN_CLIP_MS || span.endMs - atMs < MIN_CLIP_MS) {
    fail(
      'splitClipAt',
      `both parts must last at least ${MIN_CLIP_MS} ms`,
      `Too close to the clip's edge: both parts must last at least ${MIN_CLIP_MS / 1000} s.`,
    )
  }
  const id = newClipId ?? freshId(clip.id, new Set(t.clips.map((c) => c.id)))
  if (t.clips.some((c) => c.id === id)) {
    fail('splitClipAt', `clip id "${id}" is already used`, 'That clip cannot be split right now.')
  }
  const cut = sourceTimeMs(clip, span, atMs)
  const first = { ...withoutTransition(clip), outMs: cut }
  const second: Clip = { ...clip, id, inMs: cut, effects: [...clip.effects] }
  const clips = [...t.clips.slice(0, index), first, second, ...t.clips.slice(index + 1)]
  return commit('splitClipAt', { ...t, clips })
}

function freshId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/-\d+$/, '').slice(0, 56)
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`
    if (!taken.has(candidate)) return candidate
  }
}

export function setClipSpeed(t: Timeline, clipId: string, speed: number): Timeline {
  const index = clipIndex('setClipSpeed', t, clipId)
  checkSpeed('setClipSpeed', speed)
  return commit('setClipSpeed', replaceClip(t, index, { ...(t.clips[index] as Clip), speed }))
}

/** Framing, mute, media and effects; timing goes through trimClip/setClipSpeed/setTransition. */
export type ClipPatch = Partial<
  Pick<ClipInput, 'mediaId' | 'fit' | 'crop' | 'position' | 'scale' | 'muted' | 'effects'>
>

export function updateClip(t: Timeline, clipId: string, patch: ClipPatch): Timeline {
  const index = clipIndex('updateClip', t, clipId)
  return commit('updateClip', replaceClip(t, index, { ...(t.clips[index] as Clip), ...patch }))
}

export function setClipEffects(t: Timeline, clipId: string, effects: readonly Effect[]): Timeline {
  const index = clipIndex('setClipEffects', t, clipId)
  const clip = t.clips[index] as Clip
  return commit('setClipEffects', replaceClip(t, index, { ...clip, effects: [...effects] }))
}

/** Sets (or with null removes) the transition from this clip into the next. */
export function setTransition(
  t: Timeline,
  clipId: string,
  transition: Transition | null,
): Timeline {
  const index = clipIndex('setTransition', t, clipId)
  if (transition && index === t.clips.length - 1) {
    fail(
      'setTransition',
      `clip "${clipId}" is last: there is no next clip to transition into`,
      'The last clip has no next clip to transition into.',
    )
  }
  const clip = withoutTransition(t.clips[index] as Clip)
  const next = transition ? { ...clip, transitionOut: transition } : clip
  return commit('setTransition', replaceClip(t, index, next))
}

// ── Whole picture ──────────────────────────────────────────────────────────────────────────────

export function setGlobalEffects(t: Timeline, effects: readonly Effect[]): Timeline {
  return commit('setGlobalEffects', { ...t, effects: [...effects] })
}

export function setCanvas(t: Timeline, format: { canvas?: CanvasPreset; fps?: Fps }): Timeline {
  return commit('setCanvas', { ...t, ...format })
}

// ── Overlays ───────────────────────────────────────────────────────────────────────────────────

type Keyed = { readonly id: string }

function upsert<T extends Keyed, P>(
  op: string,
  items: readonly T[],
  id: string,
  patch: P,
): (T | (T & P))[] {
  if (!items.some((i) => i.id === id)) fail(op, `no item with id "${id}"`, GONE)
  return items.map((item) => (item.id === id ? { ...item, ...patch, id } : item))
}

function without<T extends Keyed>(op: string, items: readonly T[], id: string): T[] {
  if (!items.some((i) => i.id === id)) fail(op, `no item with id "${id}"`, GONE)
  return items.filter((i) => i.id !== id)
}

export function addText(t: Timeline, text: TextOverlayInput): Timeline {
  return commit('addText', { ...t, texts: [...t.texts, text] })
}

export function updateText(
  t: Timeline,
  id: string,
  patch: Partial<Omit<TextOverlayInput, 'id'>>,
): Timeline {
  return commit('updateText', { ...t, texts: upsert('updateText', t.texts, id, patch) })
}

export function removeText(t: Timeline, id: string): Timeline {
  return commit('removeText', { ...t, texts: without('removeText', t.texts, id) })
}

export function addImage(t: Timeline, image: ImageOverlayInput): Timeline {
  return commit('addImage', { ...t, images: [...t.images, image] })
}

export function updateImage(
  t: Timeline,
  id: string,
  patch: Partial<Omit<ImageOverlayInput, 'id'>>,
): Timeline {
  return commit('updateImage', { ...t, images: upsert('updateImage', t.images, id, patch) })
}

export function removeImage(t: Timeline, id: string): Timeline {
  return commit('removeImage', { ...t, images: without('removeImage', t.images, id) })
}

// ── Audio ──────────────────────────────────────────────────────────────────────────────────────

/** Sets the music track, or removes it with null. */
export function setMusic(t: Timeline, music: MusicInput | null): Timeline {
  const audio: Timeline['audio'] = { ...t.audio }
  delete audio.music
  return commit('setMusic', { ...t, audio: music ? { ...audio, music } : audio })
}

export function updateMusic(t: Timeline, patch: Partial<MusicInput>): Timeline {
  if (!t.audio.music) fail('updateMusic', 'the timeline has no music', 'Add music first.')
  return commit('updateMusic', {
    ...t,
    audio: { ...t.audio, music: { ...t.audio.music, ...patch } },
  })
}

export function setOriginalAudio(
  t: Timeline,
  settings: { volume?: number; muted?: boolean },
): Timeline {
  const audio = {
    ...t.audio,
    originalVolume: settings.volume ?? t.audio.originalVolume,
    muteOriginal: settings.muted ?? t.audio.muteOriginal,
  }
  return commit('setOriginalAudio', { ...t, audio })
}

// ── Product tags ───────────────────────────────────────────────────────────────────────────────

export function addMarker(
  t: Timeline,
  marker: { id: string; productId: string; atMs: number },
): Timeline {
  const markers = [...t.markers, marker].sort((a, b) => a.atMs - b.atMs)
  return commit('addMarker', { ...t, markers })
}

export function moveMarker(t: Timeline, id: string, atMs: number): Timeline {
  const markers = upsert('moveMarker', t.markers, id, { atMs }).sort((a, b) => a.atMs - b.atMs)
  return commit('moveMarker', { ...t, markers })
}

export function removeMarker(t: Timeline, id: string): Timeline {
  return commit('removeMarker', { ...t, markers: without('removeMarker', t.markers, id) })
}
