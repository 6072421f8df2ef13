import { describe, expect, it } from 'vitest'
import { cbFactorFrom, cbTable } from './chroma-fix'

describe('the Cb pre-compensation', () => {
  it('measures Chromium 156’s 2.0-per-step blue as a 1.056 stretch', () => {
    // What Chromium draws for Y' 126, Cb 160, Cr 128 (BT.709, limited): (128, 121, 192).
    expect(cbFactorFrom(128, 192)).toBeCloseTo(1.0562, 3)
  })

  it('leaves an exact conversion (and nonsense) alone', () => {
    expect(cbFactorFrom(128, 196)).toBe(1)
    expect(cbFactorFrom(128, 128)).toBe(1)
    expect(cbFactorFrom(128, 300)).toBe(1)
    expect(cbTable(1)).toBeNull()
  })

  it('stretches Cb around neutral and clips at the ends', () => {
    const table = cbTable(1.0562)
    expect(table?.[128]).toBe(128)
    expect(table?.[160]).toBe(162)
    expect(table?.[96]).toBe(94)
    expect(table?.[255]).toBe(255)
    expect(table?.[0]).toBe(0)
  })
})
