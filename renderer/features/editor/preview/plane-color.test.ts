import { describe, expect, it } from 'vitest'
import { eqProcessTable, mapPairsInPlace, pairTable, planeTablesFor } from './plane-color'

describe('eqProcessTable (vf_eq process_c)', () => {
  it('keeps process_c’s rounding: one step down at identity, which is why eq copies instead', () => {
    expect(eqProcessTable(1, 0)[100]).toBe(99)
    expect(planeTablesFor([{ type: 'brightness', value: 0 }])).toEqual({
      y: null,
      u: null,
      v: null,
    })
  })

  it("adds ffmpeg's integer brightness (0.06 → +14, not 0.06·255)", () => {
    const table = eqProcessTable(1, 0.06)
    expect(table[100]).toBe(114)
    expect(table[250]).toBe(255)
  })

  it('stretches around mid-grey for contrast and clips both ends', () => {
    const table = eqProcessTable(1.25, 0)
    expect(table[128]).toBe(127)
    expect(table[16]).toBe(0)
    expect(table[200]).toBe(217)
    expect(table[255]).toBe(255)
  })
})

describe('planeTablesFor', () => {
  it('puts luma terms on Y and saturation on both chroma planes, in the user’s order', () => {
    const tables = planeTablesFor([
      { type: 'brightness', value: 0.06 },
      { type: 'contrast', value: 1.25 },
      { type: 'saturation', value: 1.5 },
    ])
    const bright = eqProcessTable(1, 0.06)
    const contrast = eqProcessTable(1.25, 0)
    expect(tables?.y?.[100]).toBe(contrast[bright[100] ?? 0])
    expect(tables?.u).toEqual(eqProcessTable(1.5, 0))
    expect(tables?.v).toEqual(tables?.u)
  })

  it('greys chroma for black and white and leaves unchanged planes alone', () => {
    const tables = planeTablesFor([{ type: 'blackAndWhite' }])
    expect(tables?.y).toBeNull()
    expect(new Set(tables?.u)).toEqual(new Set([128]))
  })

  it('has no plane form for effects that need RGB', () => {
    expect(planeTablesFor([{ type: 'temperature', kelvin: 4000 }])).toBeNull()
    expect(planeTablesFor([{ type: 'lut', file: 'warm.cube' }])).toBeNull()
  })
})

describe('mapPairsInPlace', () => {
  const low = Uint8Array.from({ length: 256 }, (_, x) => 255 - x)
  const high = Uint8Array.from({ length: 256 }, (_, x) => (x * 3) & 255)
  /** The byte-by-byte reference: even offsets from start through low, odd through high. */
  const reference = (data: Uint8Array, start: number, end: number) =>
    data.map((x, i) => (i < start || i >= end ? x : (((i - start) & 1 ? high : low)[x] ?? 0)))

  it('maps every byte of the range, words and ragged ends alike, and nothing outside it', () => {
    const buffer = new Uint8Array(1031).map((_, i) => (i * 37 + 11) & 255)
    for (const [offset, start, end] of [
      [0, 0, 1031],
      [0, 2, 1029],
      [1, 3, 1000],
      [3, 1, 17],
      [0, 5, 6],
      [2, 4, 4],
      [0, 1, 100],
    ] as const) {
      const data = buffer.subarray(offset)
      const expected = reference(data, start, end)
      mapPairsInPlace(data, start, end, pairTable(low, high))
      expect(Array.from(data)).toEqual(Array.from(expected))
      buffer.set(new Uint8Array(1031).map((_, i) => (i * 37 + 11) & 255))
    }
  })

  it('makes each pair of tables once', () => {
    expect(pairTable(low, high)).toBe(pairTable(low, high))
    expect(pairTable(low, low)).not.toBe(pairTable(low, high))
  })
})
