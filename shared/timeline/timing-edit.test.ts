import { describe, expect, it } from 'vitest'
import { TimelineError, parseTimeline, type TimelineInput } from './model'
import { itemSpan, musicEndMs } from './selection'
import { timelineDurationMs } from './time'
import {
  copyItems,
  moveItem,
  moveItems,
  pasteItems,
  removeItems,
  trimClipEdge,
  trimItem,
  unvalidated,
} from './timing-edit'

const clip = (id: string, outMs = 2000, extra = {}) => ({
  id,
  mediaId: 'v',
  inMs: 0,
  outMs,
  ...extra,
})

function make(extra: Partial<TimelineInput> = {}) {
  return parseTimeline({
    version: 2,
    clips: [clip('a'), clip('b'), clip('c')],
    texts: [
      { id: 'early', text: 'Hi', startMs: 500, endMs: 1500 },
      { id: 'late', text: 'Bye', startMs: 4000, endMs: 5000 },
    ],
    markers: [{ id: 'm', productId: 'p', atMs: 4500 }],
    ...extra,
  })
}

const media = (ms: number) => () => ms

describe('trimming main-track clips', () => {
  it('ripples by default: the clip shortens and what follows moves up, captions included', () => {
    const t = trimClipEdge(make(), 'a', 'end', -500)
    expect(t.clips[0]).toMatchObject({ inMs: 0, outMs: 1500 })
    expect(timelineDurationMs(t)).toBe(5500)
    expect(t.texts.find((x) => x.id === 'late')).toMatchObject({ startMs: 3500, endMs: 4500 })
    expect(t.texts.find((x) => x.id === 'early')).toMatchObject({ startMs: 500 })
    expect(t.markers[0]?.atMs).toBe(4000)
  })

  it('trims the start edge: the source in-point moves, the clip keeps its place', () => {
    const t = trimClipEdge(make(), 'b', 'start', 300)
    expect(t.clips[1]).toMatchObject({ inMs: 300, outMs: 2000 })
    expect(itemSpan(t, { kind: 'clip', id: 'c' })).toEqual({ startMs: 3700, endMs: 5700 })
  })

  it('stops at the media end and at the shortest clip instead of refusing', () => {
    const longer = trimClipEdge(make(), 'a', 'end', 5000, { mediaDurationMs: media(2600) })
    expect(longer.clips[0]?.outMs).toBe(2600)
    const shorter = trimClipEdge(make(), 'a', 'end', -5000)
    expect(shorter.clips[0]?.outMs).toBe(100)
    const before = trimClipEdge(make(), 'a', 'start', -800)
    expect(before.clips[0]?.inMs).toBe(0)
    expect(trimClipEdge(make(), 'a', 'start', -800)).toEqual(make())
  })

  it('counts speed: at 2× a 500 ms drag trims 1 s of source', () => {
    const t = trimClipEdge(make({ clips: [clip('a', 4000, { speed: 2 })] }), 'a', 'end', -500)
    expect(t.clips[0]?.outMs).toBe(3000)
  })

  it('without ripple rolls the cut: the neighbour gives the time, nothing else moves', () => {
    const start = make({
      clips: [clip('a'), clip('b', 3000, { inMs: 1000 }), clip('c')],
    })
    const t = trimClipEdge(start, 'a', 'end', 400, { ripple: false, mediaDurationMs: media(5000) })
    expect(t.clips[0]).toMatchObject({ outMs: 2400 })
    expect(t.clips[1]).toMatchObject({ inMs: 1400, outMs: 3000 })
    expect(timelineDurationMs(t)).toBe(timelineDurationMs(start))
    expect(t.texts).toEqual(start.texts)
    // The neighbour has only 1000 ms of source before its in-point: the cut stops there.
    const back = trimClipEdge(start, 'b', 'start', -5000, {
      ripple: false,
      mediaDurationMs: media(9000),
    })
    expect(back.clips[1]?.inMs).toBe(0)
    expect(back.clips[0]?.outMs).toBe(1000)
  })

  it('without ripple on the last clip only that clip changes', () => {
    const t = trimClipEdge(make(), 'c', 'end', -1000, { ripple: false })
    expect(t.clips[2]?.outMs).toBe(1000)
    expect(t.texts).toEqual(make().texts)
  })
})

describe('moving and stretching items', () => {
  it('moves texts in time, never before the start', () => {
    const t = moveItem(make(), { kind: 'text', id: 'early' }, -2000)
    expect(t.texts[0]).toMatchObject({ startMs: 0, endMs: 1000 })
  })

  it('stretches a text from either edge, keeping at least 100 ms', () => {
    const t = trimItem(make(), { kind: 'text', id: 'early' }, 'end', 1000)
    expect(t.texts[0]).toMatchObject({ startMs: 500, endMs: 2500 })
    const squeezed = trimItem(make(), { kind: 'text', id: 'early' }, 'start', 5000)
    expect(squeezed.texts[0]).toMatchObject({ startMs: 1400, endMs: 1500 })
  })

  it('moves overlay clips in time and between tracks, and trims them within their media', () => {
    const t0 = make({
      overlays: [{ id: 'o', mediaId: 'v', startMs: 1000, inMs: 500, outMs: 1500 }],
    })
    const moved = moveItem(t0, { kind: 'overlay', id: 'o' }, 250, 2)
    expect(moved.overlays[0]).toMatchObject({ startMs: 1250, track: 2, inMs: 500 })
    const left = trimItem(t0, { kind: 'overlay', id: 'o' }, 'start', -800)
    // Only 500 ms of source before the in-point.
    expect(left.overlays[0]).toMatchObject({ startMs: 500, inMs: 0 })
    const right = trimItem(t0, { kind: 'overlay', id: 'o' }, 'end', 900, {
      mediaDurationMs: media(2000),
    })
    expect(right.overlays[0]?.outMs).toBe(2000)
  })

  it('moves and stretches the music: the start edge trims the file, the end sets where it stops', () => {
    const t0 = make({ audio: { music: { mediaId: 'song', inMs: 0 } } })
    const moved = moveItem(t0, { kind: 'music', id: 'music' }, 1000)
    expect(moved.audio.music).toMatchObject({ startMs: 1000, inMs: 0, endMs: null })
    const trimmed = trimItem(moved, { kind: 'music', id: 'music' }, 'start', 500)
    expect(trimmed.audio.music).toMatchObject({ startMs: 1500, inMs: 500 })
    const ended = trimItem(trimmed, { kind: 'music', id: 'music' }, 'end', -2000, {
      mediaDurationMs: media(60_000),
    })
    expect(ended.audio.music?.endMs).toBe(4000)
    expect(musicEndMs(ended, 60_000)).toBe(4000)
  })

  it('moves several items together, stopping all of them at the start', () => {
    const t0 = make({ overlays: [{ id: 'o', mediaId: 'v', startMs: 1000, inMs: 0, outMs: 500 }] })
    const refs = [
      { kind: 'text' as const, id: 'early' },
      { kind: 'overlay' as const, id: 'o' },
      { kind: 'clip' as const, id: 'a' },
    ]
    const later = moveItems(t0, refs, 250, 1)
    expect(later.texts[0]).toMatchObject({ startMs: 750 })
    expect(later.overlays[0]).toMatchObject({ startMs: 1250, track: 2 })
    expect(later.clips).toEqual(t0.clips)
    const earlier = moveItems(t0, refs, -5000, 9)
    expect(earlier.texts[0]?.startMs).toBe(0)
    expect(earlier.overlays[0]).toMatchObject({ startMs: 500, track: 3 })
  })

  it('refuses, in plain words, to move what is gone', () => {
    expect(() => moveItem(make(), { kind: 'text', id: 'nope' }, 10)).toThrow(TimelineError)
    try {
      moveItem(make(), { kind: 'clip', id: 'a' }, 10)
    } catch (error) {
      expect((error as TimelineError).userMessage).toBe('Drag a clip to reorder it.')
    }
  })
})

describe('delete, copy and paste', () => {
  it('deletes a clip with ripple and other items as they are', () => {
    const t = removeItems(make(), [
      { kind: 'clip', id: 'b' },
      { kind: 'text', id: 'early' },
    ])
    expect(t.clips.map((c) => c.id)).toEqual(['a', 'c'])
    expect(t.texts.map((x) => x.id)).toEqual(['late'])
    expect(t.texts[0]).toMatchObject({ startMs: 2000, endMs: 3000 })
  })

  it('pastes clips after the clip under the playhead and overlays at the playhead, with new ids', () => {
    let n = 0
    const newId = () => `new${++n}`
    const clipboard = copyItems(make(), [
      { kind: 'clip', id: 'a' },
      { kind: 'text', id: 'early' },
    ])
    expect(clipboard.texts[0]).toMatchObject({ startMs: 0, endMs: 1000 })
    const { timeline, pasted } = pasteItems(make(), clipboard, 2500, newId)
    expect(timeline.clips.map((c) => c.id)).toEqual(['a', 'b', 'new1', 'c'])
    expect(timeline.texts.find((x) => x.id === 'new2')).toMatchObject({ startMs: 2500 })
    // The late text followed the inserted clip (ripple) …
    expect(timeline.texts.find((x) => x.id === 'late')).toMatchObject({ startMs: 6000 })
    expect(pasted).toEqual([
      { kind: 'clip', id: 'new1' },
      { kind: 'text', id: 'new2' },
    ])
  })
})

describe('unvalidated drafts', () => {
  it('skips validation while dragging and validates again afterwards', () => {
    const t = make()
    // A text ending before it starts is refused normally…
    expect(() => trimItem(t, { kind: 'text', id: 'early' }, 'end', -5000)).not.toThrow()
    const bad = { ...t, texts: [{ ...t.texts[0]!, endMs: 10, startMs: 500 }] }
    expect(() => moveItem(bad, { kind: 'text', id: 'early' }, 100)).toThrow(TimelineError)
    // …but a draft is taken as built, and validation is back on after it.
    expect(
      unvalidated(() => moveItem(bad, { kind: 'text', id: 'early' }, 100)).texts[0]?.startMs,
    ).toBe(600)
    expect(() => moveItem(bad, { kind: 'text', id: 'early' }, 100)).toThrow(TimelineError)
  })
})
