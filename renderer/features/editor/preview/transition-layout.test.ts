import { describe, expect, it } from 'vitest'
import { transitionLayers } from './transition-layout'

const canvas = { width: 1080, height: 1920 }

describe('transitionLayers (xfade semantics)', () => {
  it('crossfade draws the incoming clip over the outgoing one with alpha = progress', () => {
    expect(transitionLayers({ type: 'crossfade', durationMs: 500 }, 0.25, canvas)).toEqual({
      outgoing: { dx: 0, dy: 0, alpha: 1 },
      incoming: { dx: 0, dy: 0, alpha: 0.25 },
    })
  })

  it('slide left: the outgoing picture leaves to the left, the next enters from the right', () => {
    const spec = { type: 'slide', direction: 'left', durationMs: 500 } as const
    expect(transitionLayers(spec, 0, canvas).incoming.dx).toBe(1080)
    const mid = transitionLayers(spec, 0.25, canvas)
    expect(mid.outgoing.dx).toBe(-270)
    expect(mid.incoming.dx).toBe(810)
    expect(transitionLayers(spec, 1, canvas).incoming.dx).toBe(0)
  })

  it('slide down moves along y the other way', () => {
    const mid = transitionLayers({ type: 'slide', direction: 'down', durationMs: 500 }, 0.5, canvas)
    expect(mid).toEqual({
      outgoing: { dx: 0, dy: 960, alpha: 1 },
      incoming: { dx: 0, dy: -960, alpha: 1 },
    })
  })
})
