import { describe, expect, it } from 'vitest'
import { addSample, etaMs, formatEta, formatSpeed, speedOf } from './transfer-progress'

describe('transfer progress', () => {
  it('measures speed over the last five seconds only', () => {
    let samples = addSample([], { at: 0, bytes: 0 })
    samples = addSample(samples, { at: 1000, bytes: 10_000_000 })
    expect(speedOf(samples)).toBe(10_000_000)
    // A stall: seven seconds later the early burst has left the window.
    samples = addSample(samples, { at: 7000, bytes: 10_000_000 })
    samples = addSample(samples, { at: 8000, bytes: 11_000_000 })
    expect(samples.map((s) => s.at)).toEqual([7000, 8000])
    expect(speedOf(samples)).toBe(1_000_000)
  })

  it('has no speed until two samples are a moment apart', () => {
    expect(speedOf([{ at: 0, bytes: 0 }])).toBeNull()
    expect(
      speedOf([
        { at: 0, bytes: 0 },
        { at: 100, bytes: 500 },
      ]),
    ).toBeNull()
  })

  it('estimates time left, and says so when it cannot', () => {
    expect(etaMs(5_000_000, 1_000_000)).toBe(5000)
    expect(etaMs(5_000_000, null)).toBeNull()
    expect(etaMs(0, null)).toBe(0)
    expect(formatEta(null)).toBe('estimating time left')
    expect(formatEta(2000)).toBe('a few seconds left')
    expect(formatEta(42_000)).toBe('about 42 s left')
    expect(formatEta(150_000)).toBe('about 3 min left')
    expect(formatSpeed(3_240_000)).toBe('3.2 MB/s')
    expect(formatSpeed(12_400)).toBe('12 kB/s')
  })
})
