import { describe, expect, it } from 'vitest'
import { createPeakBuckets } from './peaks'

describe('createPeakBuckets', () => {
  it('keeps the loudest absolute sample of each slice', () => {
    const peaks = createPeakBuckets(4, 8)
    peaks.add(new Float32Array([0.1, -0.5, 0, 0.2, 0, 0, -1, 0.3]), 0)
    expect(peaks.result()).toEqual([0.5, 0.2, 0, 1])
  })

  it('accumulates chunks and channels at their offsets', () => {
    const peaks = createPeakBuckets(2, 4)
    peaks.add(new Float32Array([0.1, 0.1]), 0)
    peaks.add(new Float32Array([0.4, 0.1]), 2)
    peaks.add(new Float32Array([0.3, 0.6]), 0) // second channel of the first chunk
    expect(peaks.result()).toEqual([0.6, 0.4])
  })

  it('clamps frames past the expected length into the last bucket and values to 1', () => {
    const peaks = createPeakBuckets(3, 3)
    peaks.add(new Float32Array([0, 0, 0, 0, 2]), 0)
    expect(peaks.result()).toEqual([0, 0, 1])
  })

  it('returns the requested length even without audio frames', () => {
    expect(createPeakBuckets(200, 0).result()).toHaveLength(200)
    expect(() => createPeakBuckets(0, 10)).toThrow(RangeError)
  })
})
