import { describe, expect, it } from 'vitest'
import {
  currentFrame,
  currentTimeMs,
  initialPlayback,
  lastFrame,
  playbackReducer as reduce,
} from './playback'

// 3 s at 30 fps: frames 0..89.
const start = initialPlayback(3000, 30)

describe('playback state machine', () => {
  it('advances with the clock while playing and freezes on pause', () => {
    let s = reduce(start, { type: 'play', nowMs: 1000 })
    expect(currentTimeMs(s, 1500)).toBe(500)
    expect(currentFrame(s, 1500)).toBe(15)
    s = reduce(s, { type: 'pause', nowMs: 1600 })
    expect(s.playing).toBe(false)
    expect(currentTimeMs(s, 9999)).toBe(600)
    s = reduce(s, { type: 'toggle', nowMs: 2000 })
    expect(currentTimeMs(s, 2100)).toBe(700)
  })

  it('stops on the last frame at the end, and play from there restarts', () => {
    let s = reduce(start, { type: 'play', nowMs: 0 })
    s = reduce(s, { type: 'tick', nowMs: 2990 })
    expect(s.playing).toBe(true)
    s = reduce(s, { type: 'tick', nowMs: 3001 })
    expect(s.playing).toBe(false)
    expect(currentFrame(s, 5000)).toBe(89)
    expect(lastFrame(s)).toBe(89)
    s = reduce(s, { type: 'play', nowMs: 6000 })
    expect(currentTimeMs(s, 6000)).toBe(0)
  })

  it('seeks within bounds, keeping the play state', () => {
    let s = reduce(start, { type: 'seek', timeMs: -50, nowMs: 0 })
    expect(currentTimeMs(s, 0)).toBe(0)
    s = reduce(s, { type: 'seek', timeMs: 10_000, nowMs: 0 })
    expect(currentFrame(s, 0)).toBe(89)
    s = reduce(reduce(start, { type: 'play', nowMs: 0 }), { type: 'seek', timeMs: 1000, nowMs: 50 })
    expect(s.playing).toBe(true)
    expect(currentTimeMs(s, 150)).toBe(1100)
  })

  it('steps by exact frames, pausing, clamped to the video', () => {
    let s = reduce(start, { type: 'seek', timeMs: 1010, nowMs: 0 })
    s = reduce(s, { type: 'step', frames: 1, nowMs: 0 })
    expect(currentFrame(s, 0)).toBe(31)
    expect(currentTimeMs(s, 0)).toBeCloseTo(31000 / 30)
    s = reduce(s, { type: 'step', frames: -40, nowMs: 0 })
    expect(currentFrame(s, 0)).toBe(0)
    s = reduce(reduce(start, { type: 'play', nowMs: 0 }), { type: 'step', frames: 200, nowMs: 100 })
    expect(s.playing).toBe(false)
    expect(currentFrame(s, 100)).toBe(89)
    // Thirty single steps from 0 land exactly on 1 s (no drift from floating point).
    let t = initialPlayback(3000, 30)
    for (let i = 0; i < 30; i++) t = reduce(t, { type: 'step', frames: 1, nowMs: 0 })
    expect(currentFrame(t, 0)).toBe(30)
  })

  it('keeps the position inside a shortened timeline', () => {
    let s = reduce(start, { type: 'seek', timeMs: 2500, nowMs: 0 })
    s = reduce(s, { type: 'setDuration', durationMs: 1000, nowMs: 0 })
    expect(currentFrame(s, 0)).toBe(29)
  })
})
