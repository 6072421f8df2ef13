import { describe, expect, it } from 'vitest'
import { parseTimeline, type ClipInput } from './model'
import { clipAtTime, clipDurationMs, clipSpans, timelineDurationMs } from './time'

const clip = (id: string, extra: Partial<ClipInput> = {}): ClipInput => ({
  id,
  mediaId: 'm',
  inMs: 1000,
  outMs: 3000,
  ...extra,
})

// a: 2000 ms at 1× → 0–2000; crossfade 500 ms; b: 2000 ms source at 2× = 1000 ms → 1500–2500;
// c: 2000 ms source at 0.5× = 4000 ms → 2500–6500.
const timeline = parseTimeline({
  version: 1,
  clips: [
    clip('a', { transitionOut: { type: 'crossfade', durationMs: 500 } }),
    clip('b', { speed: 2 }),
    clip('c', { speed: 0.5, inMs: 0, outMs: 2000 }),
  ],
})

describe('time mapping', () => {
  it('measures a clip on the timeline from its trim and speed', () => {
    expect(clipDurationMs({ inMs: 1000, outMs: 3000, speed: 1 })).toBe(2000)
    expect(clipDurationMs({ inMs: 0, outMs: 2000, speed: 0.25 })).toBe(8000)
    expect(clipDurationMs({ inMs: 0, outMs: 2000, speed: 4 })).toBe(500)
  })

  it('lays clips out with transition overlaps', () => {
    expect(clipSpans(timeline)).toEqual([
      { clipId: 'a', index: 0, startMs: 0, endMs: 2000, transitionInMs: 0, transitionOutMs: 500 },
      {
        clipId: 'b',
        index: 1,
        startMs: 1500,
        endMs: 2500,
        transitionInMs: 500,
        transitionOutMs: 0,
      },
      { clipId: 'c', index: 2, startMs: 2500, endMs: 6500, transitionInMs: 0, transitionOutMs: 0 },
    ])
    expect(timelineDurationMs(timeline)).toBe(6500)
    expect(timelineDurationMs({ clips: [] })).toBe(0)
  })

  it('finds the clip and source time at a timeline time', () => {
    expect(clipAtTime(timeline, 0)).toMatchObject({ clip: { id: 'a' }, sourceMs: 1000 })
    expect(clipAtTime(timeline, 1000)).toMatchObject({ clip: { id: 'a' }, sourceMs: 2000 })
    expect(clipAtTime(timeline, 1000)?.transition).toBeUndefined()
    // 2× speed: 250 ms of timeline is 500 ms of source.
    expect(clipAtTime(timeline, 2250)).toMatchObject({ clip: { id: 'b' }, sourceMs: 2500 })
    // 0.5× speed: 1000 ms of timeline is 500 ms of source.
    expect(clipAtTime(timeline, 3500)).toMatchObject({ clip: { id: 'c' }, sourceMs: 500 })
  })

  it('reports both clips and the progress during a transition', () => {
    const at = clipAtTime(timeline, 1750)
    expect(at).toMatchObject({
      clip: { id: 'a' },
      sourceMs: 2750,
      transition: {
        spec: { type: 'crossfade', durationMs: 500 },
        progress: 0.5,
        incoming: { clip: { id: 'b' }, sourceMs: 1500 },
      },
    })
  })

  it('returns null outside the timeline', () => {
    expect(clipAtTime(timeline, -1)).toBeNull()
    expect(clipAtTime(timeline, 6500)).toBeNull()
    expect(clipAtTime(timeline, Number.NaN)).toBeNull()
    expect(clipAtTime(timeline, 6499.9)).toMatchObject({ clip: { id: 'c' } })
  })
})
