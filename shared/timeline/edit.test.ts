import { describe, expect, it } from 'vitest'
import {
  addClip,
  addImage,
  addMarker,
  addText,
  moveClip,
  moveMarker,
  removeClip,
  removeImage,
  removeMarker,
  removeText,
  setCanvas,
  setClipEffects,
  setClipSpeed,
  setGlobalEffects,
  setMusic,
  setOriginalAudio,
  setTransition,
  splitClipAt,
  trimClip,
  updateClip,
  updateImage,
  updateMusic,
  updateText,
} from './edit'
import { TimelineError, parseTimeline, type ClipInput, type Timeline } from './model'
import { clipSpans, timelineDurationMs } from './time'

const clip = (id: string, extra: Partial<ClipInput> = {}): ClipInput => ({
  id,
  mediaId: `m-${id}`,
  inMs: 0,
  outMs: 2000,
  ...extra,
})

function make(clips: ClipInput[] = [clip('a'), clip('b'), clip('c')]): Timeline {
  return parseTimeline({ version: 1, clips })
}

const ids = (t: Timeline) => t.clips.map((c) => c.id)
const crossfade = { type: 'crossfade', durationMs: 500 } as const

describe('clip edits', () => {
  it('adds clips at the end or at an index without touching the input', () => {
    const t = make([clip('a')])
    const next = addClip(addClip(t, clip('c')), clip('b'), 1)
    expect(ids(next)).toEqual(['a', 'b', 'c'])
    expect(next.clips[1]).toMatchObject({ speed: 1, fit: 'fill' })
    expect(ids(t)).toEqual(['a'])
    expect(() => addClip(t, clip('x'), 5)).toThrow('addClip: index 5 is outside 0..1')
    expect(() => addClip(t, clip('a'))).toThrow('addClip: clips[1].id: duplicate clip id "a"')
    expect(() => addClip(t, clip('x', { speed: 8 }))).toThrow(
      'addClip: speed must be between 0.25× and 4× (got 8)',
    )
  })

  it('removes a clip and drops a transition left without a next clip', () => {
    const t = setTransition(make([clip('a'), clip('b')]), 'a', crossfade)
    const next = removeClip(t, 'b')
    expect(ids(next)).toEqual(['a'])
    expect(next.clips[0]).not.toHaveProperty('transitionOut')
    expect(() => removeClip(t, 'zzz')).toThrow('removeClip: no clip with id "zzz"')
  })

  it('reorders clips', () => {
    const t = make()
    expect(ids(moveClip(t, 'a', 2))).toEqual(['b', 'c', 'a'])
    expect(ids(moveClip(t, 'c', 0))).toEqual(['c', 'a', 'b'])
    expect(() => moveClip(t, 'a', 3)).toThrow('moveClip: index 3 is outside 0..2')
    const withTransition = setTransition(t, 'a', crossfade)
    expect(moveClip(withTransition, 'a', 2).clips[2]).not.toHaveProperty('transitionOut')
  })

  it('trims a clip and explains bad trims', () => {
    const t = make()
    expect(trimClip(t, 'b', { inMs: 500 }).clips[1]).toMatchObject({ inMs: 500, outMs: 2000 })
    expect(trimClip(t, 'b', { outMs: 1500 }).clips[1]).toMatchObject({ inMs: 0, outMs: 1500 })
    expect(() => trimClip(t, 'b', { inMs: 2500 })).toThrow(
      'trimClip: out (2000 ms) must be after in (2500 ms)',
    )
    expect(() => trimClip(t, 'b', { outMs: 50 })).toThrow('at least 100 ms')
    expect(() => trimClip(t, 'b', { inMs: -1 })).toThrow('in/out must be times ≥ 0 ms')
  })

  it('a trim that no longer fits a transition is refused', () => {
    const t = setTransition(make(), 'a', { type: 'crossfade', durationMs: 1500 })
    expect(() => trimClip(t, 'b', { outMs: 1000 })).toThrow(
      /trimClip: .*longer than the clips allow/,
    )
  })

  it('splits the clip under the playhead at the right source time', () => {
    const t = make([clip('a'), clip('b', { inMs: 1000, outMs: 5000, speed: 2 })])
    // b plays 2000–4000 on the timeline; 3000 is 1000 ms in, i.e. 2000 ms of source at 2×.
    const next = splitClipAt(t, 3000)
    expect(ids(next)).toEqual(['a', 'b', 'b-2'])
    expect(next.clips[1]).toMatchObject({ inMs: 1000, outMs: 3000, speed: 2 })
    expect(next.clips[2]).toMatchObject({ inMs: 3000, outMs: 5000, speed: 2 })
    expect(timelineDurationMs(next)).toBe(timelineDurationMs(t))
    expect(ids(splitClipAt(t, 500, 'mine'))).toEqual(['a', 'mine', 'b'])
    expect(ids(splitClipAt(splitClipAt(t, 3000), 3500))).toEqual(['a', 'b', 'b-2', 'b-3'])
  })

  it('split moves the outgoing transition to the second part', () => {
    const t = setTransition(make(), 'a', crossfade)
    const next = splitClipAt(t, 500)
    expect(next.clips[0]).not.toHaveProperty('transitionOut')
    expect(next.clips[1]?.transitionOut).toEqual(crossfade)
  })

  it('explains splits that cannot be done', () => {
    const t = setTransition(make(), 'a', crossfade)
    expect(() => splitClipAt(t, 9000)).toThrow(
      'splitClipAt: 9000 ms is not inside a clip (the timeline is 0–5500 ms)',
    )
    expect(() => splitClipAt(t, 0)).toThrow('is not inside a clip')
    expect(() => splitClipAt(t, 1700)).toThrow('1700 ms is inside a transition: split outside it')
    expect(() => splitClipAt(t, 50)).toThrow('both parts must last at least 100 ms')
    expect(() => splitClipAt(t, 500, 'b')).toThrow('clip id "b" is already used')
  })

  it('sets speed within 0.25×–4×', () => {
    const t = make()
    const next = setClipSpeed(t, 'a', 0.25)
    expect(clipSpans(next)[0]?.endMs).toBe(8000)
    expect(() => setClipSpeed(t, 'a', 4.5)).toThrow(
      'setClipSpeed: speed must be between 0.25× and 4× (got 4.5)',
    )
    expect(() => setClipSpeed(t, 'a', Number.NaN)).toThrow('speed must be between')
    expect(() => setClipSpeed(t, 'nope', 1)).toThrow('setClipSpeed: no clip with id "nope"')
  })

  it('updates framing and effects with validation', () => {
    const t = make()
    const framed = updateClip(t, 'a', {
      fit: 'crop',
      crop: { x: 0, y: 0, width: 0.5, height: 0.5 },
      scale: 1.2,
      muted: true,
    })
    expect(framed.clips[0]).toMatchObject({ fit: 'crop', scale: 1.2, muted: true })
    expect(() => updateClip(t, 'a', { fit: 'crop' })).toThrow(
      'updateClip: clips[0].crop: fit "crop" needs a crop rectangle',
    )
    const graded = setClipEffects(t, 'a', [{ type: 'preset', name: 'warm' }])
    expect(graded.clips[0]?.effects).toEqual([{ type: 'preset', name: 'warm' }])
    expect(() => setClipEffects(t, 'a', [{ type: 'blur', radius: -1 }])).toThrow(
      'blur radius must be between 0 and 100',
    )
  })

  it('sets and removes transitions', () => {
    const t = make()
    const slid = setTransition(t, 'b', { type: 'slide', direction: 'left', durationMs: 300 })
    expect(slid.clips[1]?.transitionOut).toEqual({
      type: 'slide',
      direction: 'left',
      durationMs: 300,
    })
    expect(setTransition(slid, 'b', null).clips[1]).not.toHaveProperty('transitionOut')
    expect(() => setTransition(t, 'c', crossfade)).toThrow(
      'setTransition: clip "c" is last: there is no next clip to transition into',
    )
  })
})

describe('picture, overlay, audio and marker edits', () => {
  it('sets global effects and canvas', () => {
    const t = make()
    expect(setGlobalEffects(t, [{ type: 'vignette', angle: 0.3 }]).effects).toHaveLength(1)
    expect(setCanvas(t, { canvas: '1080x1080', fps: 60 })).toMatchObject({
      canvas: '1080x1080',
      fps: 60,
    })
    expect(() => setCanvas(t, { fps: 24 as never })).toThrow('setCanvas: fps: fps must be 30 or 60')
  })

  it('adds, updates and removes text overlays', () => {
    const t = addText(make(), { id: 't1', text: 'Sale!', startMs: 0, endMs: 1000 })
    expect(t.texts[0]).toMatchObject({ text: 'Sale!', size: 72 })
    const moved = updateText(t, 't1', { x: 0.2, color: '#ff0000' })
    expect(moved.texts[0]).toMatchObject({ id: 't1', x: 0.2, color: '#ff0000' })
    expect(() => updateText(t, 't1', { endMs: 0 })).toThrow(
      'updateText: texts[0].endMs: endMs must be after startMs',
    )
    expect(() => updateText(t, 'x', { x: 0 })).toThrow('updateText: no item with id "x"')
    expect(removeText(t, 't1').texts).toEqual([])
  })

  it('adds, updates and removes image overlays', () => {
    const t = addImage(make(), { id: 'logo', mediaId: 'img', startMs: 0, endMs: 3000 })
    expect(updateImage(t, 'logo', { opacity: 0.5 }).images[0]?.opacity).toBe(0.5)
    expect(() => updateImage(t, 'logo', { width: 0 })).toThrow('width is 0.01–1 of the canvas')
    expect(removeImage(t, 'logo').images).toEqual([])
    expect(() => removeImage(t, 'nope')).toThrow('removeImage: no item with id "nope"')
  })

  it('sets, updates and removes music; sets the original level', () => {
    const t = setMusic(make(), { mediaId: 'song', volume: 0.8, fadeInMs: 500 })
    expect(t.audio.music).toMatchObject({ mediaId: 'song', volume: 0.8, fadeInMs: 500, inMs: 0 })
    expect(updateMusic(t, { fadeOutMs: 2000 }).audio.music?.fadeOutMs).toBe(2000)
    expect(setMusic(t, null).audio).not.toHaveProperty('music')
    expect(() => updateMusic(make(), { volume: 1 })).toThrow(
      'updateMusic: the timeline has no music',
    )
    expect(() => setMusic(make(), { mediaId: 'song', volume: 3 })).toThrow(
      'setMusic: audio.music.volume: volume must be between 0 and 2',
    )
    const quiet = setOriginalAudio(t, { volume: 0.3 })
    expect(quiet.audio).toMatchObject({ originalVolume: 0.3, muteOriginal: false })
    expect(setOriginalAudio(quiet, { muted: true }).audio).toMatchObject({
      originalVolume: 0.3,
      muteOriginal: true,
    })
  })

  it('adds, moves and removes product markers, kept in time order', () => {
    let t = addMarker(make(), { id: 'p2', productId: 'sku-2', atMs: 3000 })
    t = addMarker(t, { id: 'p1', productId: 'sku-1', atMs: 1000 })
    expect(t.markers.map((m) => m.id)).toEqual(['p1', 'p2'])
    t = moveMarker(t, 'p1', 4000)
    expect(t.markers.map((m) => [m.id, m.atMs])).toEqual([
      ['p2', 3000],
      ['p1', 4000],
    ])
    expect(removeMarker(t, 'p2').markers.map((m) => m.id)).toEqual(['p1'])
    expect(() => moveMarker(t, 'p1', -5)).toThrow(
      'moveMarker: markers[0].atMs: times cannot be negative',
    )
  })

  it('throws TimelineErrors', () => {
    expect(() => removeClip(make(), 'x')).toThrow(TimelineError)
  })
})
