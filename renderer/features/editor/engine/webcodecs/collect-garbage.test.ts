import { describe, expect, it, vi } from 'vitest'
import { garbageCollector } from './collect-garbage'

describe('garbageCollector', () => {
  it('collects once every `every` frames where the runtime offers gc()', () => {
    const gc = vi.fn()
    const hook = garbageCollector(3, { gc })
    for (let frame = 0; frame < 10; frame++) hook(frame)
    // After frames 2, 5 and 8.
    expect(gc).toHaveBeenCalledTimes(3)
  })

  it('does nothing where there is no gc() (a browser without the desktop app’s flag)', () => {
    const hook = garbageCollector(1, {})
    expect(() => hook(0)).not.toThrow()
    const notAFunction = garbageCollector(1, { gc: 'gc' })
    expect(() => notAFunction(0)).not.toThrow()
  })
})
