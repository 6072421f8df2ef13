import { describe, expect, it } from 'vitest'
import { axisTaps, BLOCK_BYTES, PlaneScaler, swizzleBlocks, type Siting } from './scale-planes'
import { i420Planes, YuvWorkspace } from './yuv-workspace'

/** Textbook bilinear in floating point: the source position of output i, clamped, interpolated. */
function reference(
  data: Uint8Array,
  width: number,
  height: number,
  outW: number,
  outH: number,
  siting: Siting,
  ratioX = width / outW,
  ratioY = height / outH,
): Uint8Array {
  const out = new Uint8Array(outW * outH)
  const pos = (i: number, ratio: number, s: Siting, n: number) => {
    const at = s === 'center' ? (i + 0.5) * ratio - 0.5 : (i + 0.25) * ratio - 0.25
    return Math.min(Math.max(at, 0), n - 1)
  }
  for (let oy = 0; oy < outH; oy++) {
    const sy = pos(oy, ratioY, 'center', height)
    const y0 = Math.floor(sy)
    const y1 = Math.min(y0 + 1, height - 1)
    const fy = sy - y0
    for (let ox = 0; ox < outW; ox++) {
      const sx = pos(ox, ratioX, siting, width)
      const x0 = Math.floor(sx)
      const x1 = Math.min(x0 + 1, width - 1)
      const fx = sx - x0
      const at = (x: number, y: number) => data[y * width + x] ?? 0
      const top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx
      const bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx
      out[oy * outW + ox] = Math.round(top * (1 - fy) + bottom * fy)
    }
  }
  return out
}

/** A deterministic picture with edges, gradients and noise. */
function picture(width: number, height: number, seed = 1): Uint8Array {
  const data = new Uint8Array(width * height)
  let s = seed
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (s * 1103515245 + 12345) >>> 0
      const edge = (x >> 3) % 2 === (y >> 3) % 2 ? 200 : 30
      data[y * width + x] = Math.min(255, Math.round(edge * 0.6 + (x * 90) / width + (s >>> 28)))
    }
  }
  return data
}

function maxDifference(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length)
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)))
  return max
}

describe('axisTaps', () => {
  it('maps sample centres: 2× up puts outputs a quarter sample either side of each source', () => {
    const taps = axisTaps(4, 8, 'center')
    // Output 1 sits at 0.25 of the way from source 0 to source 1.
    expect([taps.index[1], taps.next[1], taps.weight[1]]).toEqual([0, 1, 64])
    // The edges clamp to the first and last source sample.
    expect([taps.index[0], taps.weight[0]]).toEqual([0, 0])
    expect([taps.index[7], taps.next[7], taps.weight[7]]).toEqual([3, 3, 0])
  })

  it('puts cosited chroma a quarter chroma sample left of centred chroma', () => {
    const centre = axisTaps(100, 100, 'center')
    const cosited = axisTaps(100, 50, 'cosited', 2)
    // Same size: the identity.
    expect([centre.index[10], centre.weight[10]]).toEqual([10, 0])
    // Halving a cosited plane: output j sits on source 2j + 0.25.
    expect([cosited.index[5], cosited.weight[5]]).toEqual([10, 64])
  })

  it('refuses empty sizes', () => {
    expect(() => axisTaps(0, 4, 'center')).toThrow(/cannot scale/)
    expect(() => axisTaps(4, 0, 'center')).toThrow(/cannot scale/)
  })
})

describe('swizzleBlocks', () => {
  it("holds each block's start, its outputs' two source bytes as 16-bit lanes, and the weights", () => {
    const taps = axisTaps(608, 1080, 'center')
    const blocks = swizzleBlocks(taps)
    expect(blocks?.byteLength).toBe(Math.ceil(1080 / 8) * BLOCK_BYTES)
    if (!blocks) return
    const view = new DataView(blocks.buffer)
    const rec = 3 * BLOCK_BYTES
    const base = view.getInt32(rec, true)
    expect(base).toBe(taps.index[24])
    for (let k = 0; k < 8; k++) {
      expect(base + (blocks[rec + 16 + 2 * k] ?? 0)).toBe(taps.index[24 + k])
      expect(base + (blocks[rec + 32 + 2 * k] ?? 0)).toBe(taps.next[24 + k])
      expect(blocks[rec + 17 + 2 * k]).toBe(255)
      expect(view.getUint16(rec + 48 + 2 * k, true)).toBe(taps.weight[24 + k])
      expect(view.getUint16(rec + 64 + 2 * k, true)).toBe(256 - (taps.weight[24 + k] ?? 0))
    }
  })

  it('declines a downscale whose eight outputs reach past sixteen source bytes', () => {
    expect(swizzleBlocks(axisTaps(1000, 500, 'center'))).not.toBeNull()
    expect(swizzleBlocks(axisTaps(1000, 400, 'center'))).toBeNull()
  })
})

describe('PlaneScaler', () => {
  const cases: [number, number, number, number, Siting][] = [
    [608, 1080, 1080, 1920, 'center'], // the bench's 9:16 crop of 1080p
    [607, 33, 1080, 64, 'center'], // odd width
    [31, 17, 45, 29, 'cosited'], // ragged, both odd
    [50, 40, 36, 22, 'center'], // down
    [9, 9, 9, 9, 'center'], // same size: a copy
  ]
  for (const [w, h, ow, oh, siting] of cases) {
    it(`scales ${w}×${h} → ${ow}×${oh} (${siting}) within one code value of float bilinear`, () => {
      const data = picture(w, h)
      const out = new Uint8Array(ow * oh)
      new PlaneScaler(siting, 'center').scale(
        { data, offset: 0, stride: w, width: w, height: h },
        ow,
        oh,
        out,
        0,
        ow,
      )
      expect(maxDifference(out, reference(data, w, h, ow, oh, siting))).toBeLessThanOrEqual(1)
    })
  }

  it('is exact where no interpolation happens (same size)', () => {
    const data = picture(13, 7)
    const out = new Uint8Array(13 * 7)
    new PlaneScaler('center', 'center').scale(
      { data, offset: 0, stride: 13, width: 13, height: 7 },
      13,
      7,
      out,
      0,
      13,
    )
    expect(out).toEqual(data)
  })

  it('reads a plane at an offset and stride, and writes at one', () => {
    const data = picture(20, 10)
    const padded = new Uint8Array(5 + 24 * 10)
    for (let y = 0; y < 10; y++) padded.set(data.subarray(y * 20, y * 20 + 20), 5 + y * 24)
    const out = new Uint8Array(3 + 40 * 30).fill(7)
    new PlaneScaler('center', 'center').scale(
      { data: padded, offset: 5, stride: 24, width: 20, height: 10 },
      33,
      30,
      out,
      3,
      40,
    )
    const packed = new Uint8Array(33 * 30)
    for (let y = 0; y < 30; y++) packed.set(out.subarray(3 + y * 40, 3 + y * 40 + 33), y * 33)
    expect(maxDifference(packed, reference(data, 20, 10, 33, 30, 'center'))).toBeLessThanOrEqual(1)
    // Bytes between rows are left alone.
    expect(out[3 + 33]).toBe(7)
    expect(out[0]).toBe(7)
  })
})

describe('YuvWorkspace', () => {
  function run(
    useWasm: boolean,
    crop: { width: number; height: number },
    scaled: { x: number; y: number; width: number; height: number },
    output: { width: number; height: number },
  ) {
    const source = { width: crop.width + (crop.width & 1), height: crop.height + (crop.height & 1) }
    const work = new YuvWorkspace(useWasm)
    work.prepare(source, crop, scaled, output)
    const planes = i420Planes(source.width, source.height)
    const bytes = work.sourceBytes()
    bytes.set(picture(source.width, source.height, 3), planes.y.offset)
    bytes.set(picture(source.width / 2, source.height / 2, 5), planes.u.offset)
    bytes.set(picture(source.width / 2, source.height / 2, 7), planes.v.offset)
    work.outputBytes().fill(16)
    work.scale()
    return {
      out: work.outputBytes().slice(),
      accelerated: work.accelerated,
      source,
      bytes: bytes.slice(),
    }
  }

  it('gives the same bytes in WebAssembly (SIMD) and in JavaScript', () => {
    const args = [
      { width: 607, height: 1079 },
      { x: 0, y: 0, width: 1080, height: 1920 },
      { width: 1080, height: 1920 },
    ] as const
    const wasm = run(true, ...args)
    const js = run(false, ...args)
    expect(wasm.accelerated).toBe(true)
    expect(js.accelerated).toBe(false)
    expect(maxDifference(wasm.out, js.out)).toBe(0)
  })

  it('agrees with JavaScript on downscales too (eight-at-a-time blocks, and the scalar pass past 2:1)', () => {
    for (const crop of [
      { width: 170, height: 96 },
      { width: 400, height: 300 },
    ]) {
      const args = [
        crop,
        { x: 0, y: 0, width: 100, height: 64 },
        { width: 100, height: 64 },
      ] as const
      expect(maxDifference(run(true, ...args).out, run(false, ...args).out)).toBe(0)
    }
  })

  it('scales each plane of the crop into its place, leaving the rest of the output alone', () => {
    const crop = { width: 31, height: 21 }
    const scaled = { x: 4, y: 6, width: 40, height: 28 }
    const output = { width: 48, height: 40 }
    for (const useWasm of [true, false]) {
      const { out, source, bytes } = run(useWasm, crop, scaled, output)
      const sp = i420Planes(source.width, source.height)
      const op = i420Planes(output.width, output.height)
      // Luma: the crop is the source's top-left 31×21 of a 32-wide buffer.
      const luma = new Uint8Array(crop.width * crop.height)
      for (let y = 0; y < crop.height; y++)
        luma.set(bytes.subarray(y * source.width, y * source.width + crop.width), y * crop.width)
      const placed = new Uint8Array(scaled.width * scaled.height)
      for (let y = 0; y < scaled.height; y++) {
        const row = op.y.offset + (scaled.y + y) * output.width + scaled.x
        placed.set(out.subarray(row, row + scaled.width), y * scaled.width)
      }
      expect(maxDifference(placed, reference(luma, 31, 21, 40, 28, 'center'))).toBeLessThanOrEqual(
        1,
      )
      // Cb: 16×11 chroma of the crop, cosited, at the luma ratio.
      const cb = new Uint8Array(16 * 11)
      for (let y = 0; y < 11; y++)
        cb.set(bytes.subarray(sp.u.offset + y * 16, sp.u.offset + y * 16 + 16), y * 16)
      const placedCb = new Uint8Array(20 * 14)
      for (let y = 0; y < 14; y++) {
        const row = op.u.offset + (3 + y) * 24 + 2
        placedCb.set(out.subarray(row, row + 20), y * 20)
      }
      expect(
        maxDifference(placedCb, reference(cb, 16, 11, 20, 14, 'cosited', 31 / 40, 21 / 28)),
      ).toBeLessThanOrEqual(1)
      // Outside the placed rectangle nothing was written.
      expect(out[op.y.offset]).toBe(16)
      expect(out[op.y.offset + (scaled.y + scaled.height) * output.width]).toBe(16)
      expect(out[op.v.offset + output.width / 2 - 1]).toBe(16)
    }
  })

  it('refuses odd I420 geometry', () => {
    expect(() =>
      new YuvWorkspace().prepare(
        { width: 3, height: 2 },
        { width: 3, height: 2 },
        { x: 0, y: 0, width: 4, height: 4 },
        { width: 4, height: 4 },
      ),
    ).toThrow(/odd/)
    expect(() =>
      new YuvWorkspace().prepare(
        { width: 4, height: 2 },
        { width: 3, height: 2 },
        { x: 2, y: 0, width: 4, height: 4 },
        { width: 4, height: 4 },
      ),
    ).toThrow(/leaves/)
  })
})
