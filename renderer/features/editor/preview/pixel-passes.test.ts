import { describe, expect, it } from 'vitest'
import { applyColorOps } from './color-ops'
import { parseCube } from './lut'
import { applyPixelPasses, pixelPassesFor } from './pixel-passes'
import { applyVignette } from './vignette'

const lut = parseCube(
  ['LUT_3D_SIZE 2', ...Array.from({ length: 8 }, () => '0.5 0.5 0.5')].join('\n'),
)
const luts = new Map([['grey.cube', lut]])

describe('pixelPassesFor', () => {
  it('turns effects into ops and drops colour passes that change nothing', () => {
    expect(
      pixelPassesFor(
        [
          { kind: 'color', effects: [{ type: 'brightness', value: 0 }] },
          { kind: 'vignette', angle: 0.5 },
          {
            kind: 'color',
            effects: [
              { type: 'contrast', value: 1 },
              { type: 'lut', file: 'grey.cube' },
              { type: 'blackAndWhite' },
            ],
          },
        ],
        luts,
      ),
    ).toEqual([
      { kind: 'vignette', angle: 0.5 },
      { kind: 'color', ops: [{ kind: 'lut', lut }, { kind: 'grey' }] },
    ])
  })

  it('names a LUT that is not loaded', () => {
    const pass = { kind: 'color', effects: [{ type: 'lut', file: 'gone.cube' }] } as const
    expect(() => pixelPassesFor([pass], luts)).toThrow(/gone\.cube/)
  })
})

describe('applyPixelPasses (the CPU path)', () => {
  it('is each pass in turn on the stored 8-bit pixels', () => {
    const width = 7
    const height = 5
    const pixels = () =>
      Uint8ClampedArray.from({ length: width * height * 4 }, (_, i) => (i * 37) % 256)
    const gain = { kind: 'gain', r: 0.9, g: 0.7, b: 0.55 } as const
    const eq = { kind: 'eq', brightness: 0.1, contrast: 1.4, saturation: 1.2 } as const
    const expected = pixels()
    applyColorOps(expected, [gain])
    applyVignette(expected, width, height, 0.9)
    applyColorOps(expected, [eq])
    const actual = pixels()
    applyPixelPasses(actual, width, height, [
      { kind: 'color', ops: [gain] },
      { kind: 'vignette', angle: 0.9 },
      { kind: 'color', ops: [eq] },
    ])
    expect(actual).toEqual(expected)
  })
})
