import { describe, expect, it } from 'vitest'
import { EtaEstimator } from './eta'

describe('EtaEstimator', () => {
  it('has no estimate until a second of progress has been seen', () => {
    const eta = new EtaEstimator()
    expect(eta.update(0, 0)).toBeNull()
    expect(eta.update(0.05, 500)).toBeNull()
    expect(eta.update(0.1, 1000)).toBe(9000)
  })

  it('forgets a slow start: the rate comes from the last few seconds', () => {
    const eta = new EtaEstimator({ windowMs: 2000, minSpanMs: 1000 })
    // 4 s of start-up with no frames, then 10 % per second.
    eta.update(0, 0)
    eta.update(0, 4000)
    for (let t = 5000, f = 0.1; t <= 8000; t += 1000, f += 0.1) eta.update(f, t)
    // At 40 % after 8 s, a whole-run average would say 12 s left; the recent rate says 6 s.
    expect(eta.update(0.4, 8000)).toBe(6000)
  })

  it('says 0 when done and restarts when progress goes backwards', () => {
    const eta = new EtaEstimator()
    eta.update(0.5, 0)
    expect(eta.update(1, 1000)).toBe(0)
    expect(eta.update(0.1, 2000)).toBeNull()
  })

  it('has no estimate while nothing moves', () => {
    const eta = new EtaEstimator()
    eta.update(0.2, 0)
    expect(eta.update(0.2, 3000)).toBeNull()
  })
})
