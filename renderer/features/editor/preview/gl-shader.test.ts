import { describe, expect, it } from 'vitest'
import type { ColorOp } from './color-ops'
import { glslFloat, lutCoordinates, MAX_LUTS, pixelShader, type PixelShader } from './gl-shader'
import { parseCube, sampleLut, type Lut3d } from './lut'
import type { PixelPass } from './pixel-passes'

const eq = (brightness: number, contrast: number, saturation: number): ColorOp => ({
  kind: 'eq',
  brightness,
  contrast,
  saturation,
})

/** A .cube of the given size whose output is f(r, g, b), red varying fastest. */
function cube(
  size: number,
  f: (r: number, g: number, b: number) => [number, number, number],
  domain = '',
): Lut3d {
  const lines = [`LUT_3D_SIZE ${size}`, domain]
  const n = size - 1
  for (let b = 0; b < size; b++)
    for (let g = 0; g < size; g++)
      for (let r = 0; r < size; r++) lines.push(f(r / n, g / n, b / n).join(' '))
  return parseCube(lines.join('\n'))
}

const identity = cube(2, (r, g, b) => [r, g, b])

/** The generated main() body: one statement per line, comments dropped. */
function body(shader: PixelShader | null): string[] {
  if (!shader) throw new Error('no shader')
  const main = shader.fragment.slice(shader.fragment.indexOf('void main()'))
  return main
    .split('\n')
    .slice(3, -2)
    .map((line) => line.replace(/\/\/.*$/, '').trim())
}

const color = (...ops: ColorOp[]): PixelPass => ({ kind: 'color', ops })

describe('pixelShader: GLSL generated from the op list', () => {
  it('follows the CPU path: YUV entered once for consecutive eq/grey, left clipped for RGB ops', () => {
    const shader = pixelShader([
      color(eq(0.1, 1.2, 1), { kind: 'grey' }, { kind: 'gain', r: 1, g: 0.8, b: 0.5 }),
      color({ kind: 'lut', lut: identity }, eq(0, 1, 1.5)),
    ])
    expect(body(shader)).toEqual([
      'vec3 px = roundEven(texel.rgb * 255.0);',
      'px = rgbToYuv(px);',
      'px = clip8(px);',
      'px.x = eqCurve(px.x, u_op[0].y, u_op[0].x);',
      'px = clip8(px);',
      'px.yz = vec2(128.0);',
      'px = clip8(yuvToRgb(px));',
      'px *= u_op[1].rgb;',
      'px = store8(px);',
      'px = texture(u_lut0, lutCoord(px, u_op[2], u_op[3])).rgb * 255.0;',
      'px = rgbToYuv(px);',
      'px = clip8(px);',
      'px.yz = vec2(eqCurve(px.y, u_op[4].z, 0.0), eqCurve(px.z, u_op[4].z, 0.0));',
      'px = yuvToRgb(px);',
      'fragColor = vec4(store8(px) / 255.0, texel.a);',
    ])
  })

  it('runs only the eq planes whose parameters are not identity (vf_eq copies the others)', () => {
    const lines = (op: ColorOp) => body(pixelShader([color(op)])).join('\n')
    expect(lines(eq(0, 1.3, 1))).toContain('px.x = eqCurve')
    expect(lines(eq(0, 1.3, 1))).not.toContain('px.yz = vec2(eqCurve')
    expect(lines(eq(0, 1, 0))).not.toContain('px.x = eqCurve')
    expect(lines(eq(0, 1, 0))).toContain('px.yz = vec2(eqCurve')
    // Identity eq still clips, as the CPU path does, and takes no uniform slot.
    expect(pixelShader([color(eq(0, 1, 1))])?.values).toEqual(new Float32Array(4))
  })

  it('rounds to 8 bits between passes and at the end only', () => {
    const shader = pixelShader([
      color(eq(0.1, 1, 1)),
      { kind: 'vignette', angle: 0.6 },
      color({ kind: 'gain', r: 1, g: 1, b: 0.9 }),
    ])
    const lines = body(shader)
    expect(lines.filter((l) => l.includes('store8'))).toHaveLength(3)
    expect(lines).toContain('px = vignette(px, vec2(at), u_op[1].x);')
  })

  it('puts values in uniforms, so the same shape reuses the program', () => {
    const a = pixelShader([color(eq(0.1, 1.2, 1.5), { kind: 'gain', r: 1, g: 0.9, b: 0.7 })])
    const b = pixelShader([color(eq(-0.2, 0.8, 0.5), { kind: 'gain', r: 0.5, g: 1, b: 1 })])
    expect(a?.fragment).toBe(b?.fragment)
    expect([...(a?.values ?? [])]).toEqual(
      [0.1, 1.2, 1.5, 0, 1, 0.9, 0.7, 0].map((v) => Math.fround(v)),
    )
    expect(pixelShader([color(eq(0.1, 1, 1))])?.fragment).not.toBe(
      pixelShader([color(eq(0, 1, 1.5))])?.fragment,
    )
  })

  it('gives each LUT its own sampler and its domain and texel mapping as uniforms', () => {
    const graded = cube(17, (r, g, b) => [r, g, b], 'DOMAIN_MIN 0.1 0 0\nDOMAIN_MAX 0.9 1 2')
    const shader = pixelShader([
      color({ kind: 'lut', lut: graded }, { kind: 'lut', lut: identity }),
    ])
    expect(shader?.luts).toEqual([graded, identity])
    expect(shader?.fragment).toContain('uniform sampler3D u_lut0;')
    expect(shader?.fragment).toContain('uniform sampler3D u_lut1;')
    expect(shader?.fragment).toContain('uniform vec4 u_op[4];')
    const values = [...(shader?.values ?? [])]
    const f = Math.fround
    expect(values.slice(0, 8)).toEqual([0.1, 0, 0, 16 / 17, 0.8, 1, 2, 0.5 / 17].map(f))
    expect(values.slice(8)).toEqual([0, 0, 0, 0.5, 1, 1, 1, 0.25].map(f))
  })

  it('declines lists needing more texture units than WebGL2 promises', () => {
    const ops: ColorOp[] = Array.from({ length: MAX_LUTS + 1 }, () => ({
      kind: 'lut',
      lut: identity,
    }))
    expect(pixelShader([color(...ops.slice(1))])).not.toBeNull()
    expect(pixelShader([color(...ops)])).toBeNull()
  })

  it('writes GLSL float literals', () => {
    expect(glslFloat(1)).toBe('1.0')
    expect(glslFloat(0.2126)).toBe('0.2126')
    expect(glslFloat(1e-7)).toBe('1e-7')
    expect(() => glslFloat(Number.NaN)).toThrow()
  })
})

/**
 * TEXTURE_3D with LINEAR filtering and CLAMP_TO_EDGE as GLSL ES 3.00 §3.8.10 defines it, over
 * the table uploaded as it is (texel x + y·size + z·size², three floats each, the .cube order).
 */
function glLinear3d(lut: Lut3d, t: readonly [number, number, number]): number[] {
  const s = lut.size
  const clampi = (i: number) => Math.min(s - 1, Math.max(0, i))
  const axes = t.map((coord) => {
    const u = coord * s - 0.5
    const i0 = Math.floor(u)
    return { i0: clampi(i0), i1: clampi(i0 + 1), a: u - i0 }
  })
  const [x, y, z] = axes
  if (!x || !y || !z) throw new Error('three axes')
  const texel = (i: number, j: number, k: number, c: number) =>
    lut.table[(i + j * s + k * s * s) * 3 + c] ?? 0
  return [0, 1, 2].map((c) => {
    let sum = 0
    for (const [i, wi] of [
      [x.i0, 1 - x.a],
      [x.i1, x.a],
    ] as const)
      for (const [j, wj] of [
        [y.i0, 1 - y.a],
        [y.i1, y.a],
      ] as const)
        for (const [k, wk] of [
          [z.i0, 1 - z.a],
          [z.i1, z.a],
        ] as const)
          sum += wi * wj * wk * texel(i, j, k, c)
    return sum
  })
}

/** What the shader's lutCoord() computes, for v in 0..1. */
function shaderCoord(lut: Lut3d, v: readonly number[]): [number, number, number] {
  const { scale, offset } = lutCoordinates(lut)
  const at = (axis: 0 | 1 | 2) => {
    const lo = lut.domainMin[axis]
    const n = ((v[axis] ?? 0) - lo) / (lut.domainMax[axis] - lo)
    return Math.min(1, Math.max(0, n)) * scale + offset
  }
  return [at(0), at(1), at(2)]
}

describe('LUT as a LINEAR 3D texture', () => {
  // Non-separable and curved, so a wrong axis order or texel mapping shows.
  const lut = cube(5, (r, g, b) => [
    r * r * (1 - b / 2),
    Math.sqrt(g) * (0.5 + r / 2),
    b ** 3 + g / 4,
  ])
  const shifted = cube(
    3,
    (r, g, b) => [1 - r, g * b, r * g],
    'DOMAIN_MIN 0.2 0 0.1\nDOMAIN_MAX 0.8 1 0.9',
  )

  it('samples at texel centres what lut.ts interpolates, edges and clamping included', () => {
    const out = new Float64Array(3)
    let seed = 7
    const random = () => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    const samples: number[][] = [
      [0, 0, 0],
      [1, 1, 1],
      [0.25, 0.5, 0.75],
      [1, 0, 0.5],
      [-0.2, 1.3, 0.5],
      ...Array.from({ length: 200 }, () => [random(), random(), random()]),
    ]
    for (const table of [lut, shifted]) {
      for (const v of samples) {
        sampleLut(table, v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, out)
        const gl = glLinear3d(table, shaderCoord(table, v))
        for (let c = 0; c < 3; c++) expect(gl[c]).toBeCloseTo(out[c] ?? 0, 12)
      }
    }
  })

  it('puts the first and last grid nodes on the edge texels’ centres', () => {
    const { scale, offset } = lutCoordinates(lut)
    expect(offset * lut.size).toBe(0.5)
    expect((scale + offset) * lut.size).toBeCloseTo(lut.size - 0.5, 12)
  })
})
