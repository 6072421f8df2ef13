import { describe, expect, it } from 'vitest'
import { rgbToYuv, yuvToRgb } from './color-space'
import { applyColorOps, colorOpFor, eqCurve, type ColorOp } from './color-ops'
import { kelvinToRgbGain } from './kelvin'
import { parseCube } from './lut'

const px = (r: number, g: number, b: number) => new Uint8ClampedArray([r, g, b, 255])
const run = (data: Uint8ClampedArray, ...ops: ColorOp[]) => {
  applyColorOps(data, ops)
  return [...data]
}
const none = new Map()

describe('colour space', () => {
  it('round-trips RGB through limited-range YUV', () => {
    const yuv = new Float64Array(3)
    const rgb = new Float64Array(3)
    rgbToYuv(200, 30, 90, yuv)
    yuvToRgb(yuv[0] ?? 0, yuv[1] ?? 0, yuv[2] ?? 0, rgb)
    expect([...rgb].map((v) => Math.round(v))).toEqual([200, 30, 90])
    rgbToYuv(0, 0, 0, yuv)
    expect([...yuv]).toEqual([16, 128, 128])
    rgbToYuv(255, 255, 255, yuv)
    expect(yuv[0]).toBeCloseTo(235)
  })
})

describe('eq (ffmpeg vf_eq semantics)', () => {
  it('brightness adds to luma (not a multiply like CSS brightness())', () => {
    // Black's luma is 16; +0.1 gives 256·(16/255 + 0.1) ≈ 41.7, i.e. RGB ≈ 30 — black gets lighter.
    expect(eqCurve(16, 1, 0.1)).toBeCloseTo(256 * (16 / 255 + 0.1))
    const [r, g, b] = run(px(0, 0, 0), { kind: 'eq', brightness: 0.1, contrast: 1, saturation: 1 })
    expect(r).toBe(g)
    expect(g).toBe(b)
    expect(r).toBeGreaterThan(25)
    expect(r).toBeLessThan(33)
  })

  it('contrast pivots on mid code value and clips', () => {
    expect(eqCurve(127.5, 2, 0)).toBeCloseTo(128)
    expect(eqCurve(0, 3, 0)).toBe(0)
    expect(eqCurve(255, 3, 0)).toBe(255)
  })

  it('saturation scales chroma; 0 gives grey with the same luma', () => {
    const grey = run(px(200, 40, 40), { kind: 'eq', brightness: 0, contrast: 1, saturation: 0 })
    expect(Math.abs((grey[0] ?? 0) - (grey[2] ?? 0))).toBeLessThanOrEqual(1)
    const vivid = run(px(200, 40, 40), { kind: 'eq', brightness: 0, contrast: 1, saturation: 1.5 })
    expect((vivid[0] ?? 0) - (vivid[1] ?? 0)).toBeGreaterThan(160)
  })

  it('maps effects to ops as the compiler maps them to filters', () => {
    expect(colorOpFor({ type: 'brightness', value: 0 }, none)).toBeNull()
    expect(colorOpFor({ type: 'contrast', value: 1.2 }, none)).toEqual({
      kind: 'eq',
      brightness: 0,
      contrast: 1.2,
      saturation: 1,
    })
    expect(colorOpFor({ type: 'blur', radius: 3 }, none)).toBeNull()
    expect(colorOpFor({ type: 'blackAndWhite' }, none)).toEqual({ kind: 'grey' })
    expect(() => colorOpFor({ type: 'lut', file: 'x.cube' }, none)).toThrow(/x\.cube/)
  })

  it('leaves pixels alone with no ops and keeps alpha', () => {
    const data = new Uint8ClampedArray([10, 20, 30, 40])
    expect(run(data)).toEqual([10, 20, 30, 40])
    expect(run(new Uint8ClampedArray([10, 20, 30, 40]), { kind: 'grey' })[3]).toBe(40)
  })
})

describe('colortemperature', () => {
  it('is neutral-ish at 6600 K, orange when low, blue when high', () => {
    const [r, g, b] = kelvinToRgbGain(6600)
    expect(r).toBe(1)
    expect(b).toBe(1)
    expect(g).toBeGreaterThan(0.95)
    const warm = kelvinToRgbGain(3000)
    expect(warm[0]).toBe(1)
    expect(warm[2]).toBeLessThan(0.5)
    const cool = kelvinToRgbGain(10000)
    expect(cool[0]).toBeLessThan(0.9)
    expect(cool[2]).toBe(1)
  })

  it('multiplies each channel', () => {
    expect(run(px(100, 100, 100), { kind: 'gain', r: 1, g: 0.5, b: 0 })).toEqual([100, 50, 0, 255])
  })
})

describe('LUT pass', () => {
  it('applies an identity LUT exactly and an inverting LUT', () => {
    const cube = (f: (v: number) => number) => {
      const lines = ['LUT_3D_SIZE 2']
      for (let b = 0; b < 2; b++)
        for (let g = 0; g < 2; g++)
          for (let r = 0; r < 2; r++) lines.push(`${f(r)} ${f(g)} ${f(b)}`)
      return parseCube(lines.join('\n'))
    }
    expect(run(px(12, 130, 250), { kind: 'lut', lut: cube((v) => v) })).toEqual([12, 130, 250, 255])
    expect(run(px(12, 130, 250), { kind: 'lut', lut: cube((v) => 1 - v) })).toEqual([
      243, 125, 5, 255,
    ])
  })
})
