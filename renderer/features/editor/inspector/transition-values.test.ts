import { describe, expect, it } from 'vitest'
import { addClip, setTransition } from '../../../../shared/timeline/edit'
import {
  MAX_TRANSITION_MS,
  MIN_TRANSITION_MS,
  createTimeline,
  type Timeline,
} from '../../../../shared/timeline/model'
import {
  DEFAULT_TRANSITION_MS,
  buildTransition,
  describeTransition,
  maxTransitionMs,
  transitionKind,
} from './transition-values'

function clips(...lengths: number[]): Timeline {
  return lengths.reduce(
    (t, outMs, i) => addClip(t, { id: `c${i}`, mediaId: 'm', inMs: 0, outMs }),
    createTimeline(),
  )
}

describe('transition controls', () => {
  it('limits a transition to what both clips have left, and to the model maximum', () => {
    expect(maxTransitionMs(clips(3000, 1200), 'c0')).toBe(1200)
    expect(maxTransitionMs(clips(20_000, 20_000), 'c0')).toBe(MAX_TRANSITION_MS)
    expect(maxTransitionMs(clips(3000, 1200), 'c1')).toBeNull()
    expect(maxTransitionMs(clips(3000), 'nope')).toBeNull()
    // The middle clip already overlaps the first by 800 ms and the last clip by nothing.
    const t = setTransition(clips(3000, 2000, 4000), 'c0', { type: 'crossfade', durationMs: 800 })
    expect(maxTransitionMs(t, 'c1')).toBe(1200)
  })

  it('accepts exactly the limit it computes, and refuses one millisecond more', () => {
    const t = setTransition(clips(3000, 2000, 4000), 'c0', { type: 'crossfade', durationMs: 800 })
    const limit = maxTransitionMs(t, 'c1') ?? 0
    expect(() => setTransition(t, 'c1', { type: 'crossfade', durationMs: limit })).not.toThrow()
    expect(() => setTransition(t, 'c1', { type: 'crossfade', durationMs: limit + 1 })).toThrow(
      /longer than the clips allow \(at most 1200 ms\)/,
    )
  })

  it('builds a new transition with the default length, shortened to fit', () => {
    expect(buildTransition('crossfade', undefined, 5000)).toEqual({
      type: 'crossfade',
      durationMs: DEFAULT_TRANSITION_MS,
    })
    expect(buildTransition('slide', undefined, 300)).toEqual({
      type: 'slide',
      direction: 'left',
      durationMs: 300,
    })
    // No room at all: the minimum, which the model then refuses with its reason.
    expect(buildTransition('crossfade', undefined, 40)?.durationMs).toBe(MIN_TRANSITION_MS)
    expect(buildTransition('none', { type: 'crossfade', durationMs: 900 }, 5000)).toBeNull()
  })

  it('keeps the length and direction when switching kind, and applies a change', () => {
    const slide = { type: 'slide', direction: 'up', durationMs: 700 } as const
    expect(buildTransition('crossfade', slide, 5000)).toEqual({
      type: 'crossfade',
      durationMs: 700,
    })
    expect(buildTransition('slide', slide, 5000, { direction: 'down' })).toEqual({
      ...slide,
      direction: 'down',
    })
    expect(buildTransition('slide', slide, 5000, { durationMs: 1234.4 })?.durationMs).toBe(1234)
  })

  it('names transitions for the timeline and reads the kind of a clip', () => {
    expect(describeTransition({ type: 'crossfade', durationMs: 500 })).toBe('Crossfade 0.5 s')
    expect(describeTransition({ type: 'slide', direction: 'right', durationMs: 1250 })).toBe(
      'Slide right 1.3 s',
    )
    expect(transitionKind({})).toBe('none')
    expect(transitionKind({ transitionOut: { type: 'crossfade', durationMs: 100 } })).toBe(
      'crossfade',
    )
  })
})
