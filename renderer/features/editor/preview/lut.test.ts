import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LutParseError, parseCube, sampleLut } from './lut'

describe('parseCube', () => {
  it('parses the shipped LUTs', () => {
    const dir = path.resolve(import.meta.dirname, '../../../../resources/luts')
    const lut = parseCube(readFileSync(path.join(dir, 'warm.cube'), 'utf8'))
    expect(lut.size).toBe(17)
    expect(lut.table.length).toBe(17 ** 3 * 3)
  })

  it('rejects malformed files with a reason', () => {
    expect(() => parseCube('0 0 0')).toThrow(LutParseError)
    expect(() => parseCube('LUT_3D_SIZE 2\n0 0 0')).toThrow(/expected 8 entries/)
    expect(() => parseCube('LUT_3D_SIZE 2\n' + 'a b c\n'.repeat(8))).toThrow(/not a number/)
  })
})

describe('sampleLut (trilinear)', () => {
  // out = (r², g, b) on a 3-point grid: exact at nodes, linear between them.
  const lines = ['LUT_3D_SIZE 3', 'DOMAIN_MIN 0 0 0', 'DOMAIN_MAX 1 1 1']
  for (let b = 0; b < 3; b++)
    for (let g = 0; g < 3; g++)
      for (let r = 0; r < 3; r++) lines.push(`${(r / 2) ** 2} ${g / 2} ${b / 2}`)
  const lut = parseCube(lines.join('\n'))
  const out = new Float64Array(3)

  it('is exact on grid nodes and interpolates between them', () => {
    sampleLut(lut, 0.5, 1, 0, out)
    expect([...out]).toEqual([0.25, 1, 0])
    sampleLut(lut, 0.75, 0.25, 0.6, out)
    expect(out[0]).toBeCloseTo((0.25 + 1) / 2)
    expect(out[1]).toBeCloseTo(0.25)
    expect(out[2]).toBeCloseTo(0.6)
  })

  it('clamps inputs outside the domain', () => {
    sampleLut(lut, 2, -1, 0, out)
    expect([...out]).toEqual([1, 0, 0])
  })
})
