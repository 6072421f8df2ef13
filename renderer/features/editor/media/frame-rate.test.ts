import { describe, expect, it } from 'vitest'
import { normaliseFrameRate } from './frame-rate'

describe('normaliseFrameRate', () => {
  it('snaps near-standard rates', () => {
    expect(normaliseFrameRate(29.97003)).toBe(29.97)
    expect(normaliseFrameRate(30.01)).toBe(30)
    expect(normaliseFrameRate(59.94)).toBe(59.94)
    expect(normaliseFrameRate(23.976)).toBe(23.976)
  })

  it('keeps odd variable rates and refuses nonsense', () => {
    expect(normaliseFrameRate(27.3456)).toBe(27.346)
    expect(normaliseFrameRate(0)).toBeNull()
    expect(normaliseFrameRate(Number.NaN)).toBeNull()
  })
})
