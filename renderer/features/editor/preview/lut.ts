/**
 * .cube 3D LUTs (the files in resources/luts), sampled with trilinear interpolation. ffmpeg's
 * lut3d defaults to tetrahedral; on the smooth 17³ grade LUTs the two differ by well under one
 * 8-bit step, and trilinear is the cheaper CPU pass (worker canvas 2D has no curves, DESIGN §4).
 */
export interface Lut3d {
  readonly size: number
  /** RGB triples, red varying fastest (the .cube order). */
  readonly table: Float32Array
  readonly domainMin: readonly [number, number, number]
  readonly domainMax: readonly [number, number, number]
}

export class LutParseError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'LutParseError'
  }
}

const triple = (parts: string[], line: string): [number, number, number] => {
  const values = parts.map(Number)
  const [a, b, c] = values
  if (values.length !== 3 || a === undefined || b === undefined || c === undefined) {
    throw new LutParseError(`expected three numbers in "${line}"`)
  }
  if (!values.every(Number.isFinite)) throw new LutParseError(`not a number in "${line}"`)
  return [a, b, c]
}

export function parseCube(text: string): Lut3d {
  let size = 0
  let domainMin: [number, number, number] = [0, 0, 0]
  let domainMax: [number, number, number] = [1, 1, 1]
  const values: number[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const [key, ...rest] = line.split(/\s+/)
    if (key === 'TITLE' || key === 'LUT_1D_SIZE') {
      if (key === 'LUT_1D_SIZE') throw new LutParseError('1D LUTs are not supported')
      continue
    }
    if (key === 'LUT_3D_SIZE') {
      size = Number(rest[0])
      if (!Number.isInteger(size) || size < 2 || size > 256) {
        throw new LutParseError(`bad LUT_3D_SIZE "${rest[0] ?? ''}"`)
      }
    } else if (key === 'DOMAIN_MIN') {
      domainMin = triple(rest, line)
    } else if (key === 'DOMAIN_MAX') {
      domainMax = triple(rest, line)
    } else {
      values.push(...triple(line.split(/\s+/), line))
    }
  }
  if (size === 0) throw new LutParseError('no LUT_3D_SIZE line')
  if (values.length !== size * size * size * 3) {
    throw new LutParseError(`expected ${size ** 3} entries, found ${values.length / 3}`)
  }
  return { size, table: Float32Array.from(values), domainMin, domainMax }
}

/** Looks up normalised r, g, b (0..1 of the domain) and writes 0..1 outputs into `out`. */
export function sampleLut(lut: Lut3d, r: number, g: number, b: number, out: Float64Array): void {
  const n = lut.size - 1
  const pos = (v: number, axis: 0 | 1 | 2) => {
    const lo = lut.domainMin[axis]
    const span = lut.domainMax[axis] - lo
    return Math.min(n, Math.max(0, ((v - lo) / span) * n))
  }
  const x = pos(r, 0)
  const y = pos(g, 1)
  const z = pos(b, 2)
  const x0 = Math.floor(x)
  const y0 = Math.floor(y)
  const z0 = Math.floor(z)
  const x1 = Math.min(n, x0 + 1)
  const y1 = Math.min(n, y0 + 1)
  const z1 = Math.min(n, z0 + 1)
  const fx = x - x0
  const fy = y - y0
  const fz = z - z0
  const s = lut.size
  const t = lut.table
  for (let c = 0; c < 3; c++) {
    const at = (i: number, j: number, k: number) => t[(i + j * s + k * s * s) * 3 + c] ?? 0
    const c00 = at(x0, y0, z0) * (1 - fx) + at(x1, y0, z0) * fx
    const c10 = at(x0, y1, z0) * (1 - fx) + at(x1, y1, z0) * fx
    const c01 = at(x0, y0, z1) * (1 - fx) + at(x1, y0, z1) * fx
    const c11 = at(x0, y1, z1) * (1 - fx) + at(x1, y1, z1) * fx
    const c0 = c00 * (1 - fy) + c10 * fy
    const c1 = c01 * (1 - fy) + c11 * fy
    out[c] = c0 * (1 - fz) + c1 * fz
  }
}
