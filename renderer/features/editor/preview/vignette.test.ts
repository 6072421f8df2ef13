import { describe, expect, it } from 'vitest'
import { applyVignette, vignetteFactor } from './vignette'

describe('vignette (ffmpeg vf_vignette)', () => {
  it('is 1 at the centre and cos⁴(angle) in the corners', () => {
    expect(vignetteFactor(50, 50, 100, 100, Math.PI / 5)).toBe(1)
    expect(vignetteFactor(0, 0, 100, 100, Math.PI / 5)).toBeCloseTo(Math.cos(Math.PI / 5) ** 4)
  })

  it('darkens towards limited-range black, not just scales RGB', () => {
    const data = new Uint8ClampedArray([200, 200, 200, 255, 200, 200, 200, 255])
    applyVignette(data, 2, 1, 0.8)
    // Pixel 0 is 1 px from the centre of a 2×1 frame: dnorm = 1/hypot(1, .5).
    const f = Math.cos(0.8 * (1 / Math.hypot(1, 0.5))) ** 4
    expect(data[0]).toBe(Math.round(200 * f - (1 - f) * ((16 * 255) / 219)))
    expect(data[4]).toBe(200)
    expect(data[3]).toBe(255)
  })
})
