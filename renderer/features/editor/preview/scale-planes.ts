/**
 * Bilinear scaling of one 8-bit plane (Y, U or V of an I420 frame), for the export's Y'CbCr path
 * (plane-frame.ts): the crop of a decoded frame goes to the output size without ever becoming
 * RGB. Separable and fixed-point: each source row the output needs is scaled horizontally once
 * (kept in a two-row cache as 16-bit values ×128, at most 32640: the WebAssembly pass blends them
 * in signed 16-bit lanes), then each output row blends two of them. The
 * index/weight tables are made once per (source size, output size, siting) and reused every frame.
 * This is the reference and the fallback; yuv-workspace.ts runs the same arithmetic in WebAssembly.
 */
import type { Plane } from './downscale-planes'

/**
 * Where a plane's samples sit on the picture, along one axis: `center` between the luma samples
 * they cover (luma itself; 4:2:0 chroma vertically), `cosited` on the first one (H.264's default
 * horizontal chroma location, which ffmpeg's scale follows for such sources).
 */
export type Siting = 'center' | 'cosited'

/** One axis's taps: output i blends source `index[i]` and the next one by `weight[i]`/256. */
export interface AxisTaps {
  readonly index: Int32Array
  readonly next: Int32Array
  readonly weight: Uint16Array
}

/**
 * Taps for scaling `from` samples to `to` (either way; bilinear is for ratios near 1 to 2, the
 * export's crops). `ratio`: source samples per output sample of the picture this plane belongs
 * to (a chroma plane passes the luma ratio, so rounding of odd sizes does not shift it).
 */
export function axisTaps(from: number, to: number, siting: Siting, ratio = from / to): AxisTaps {
  if (!(from >= 1 && to >= 1)) throw new Error(`cannot scale ${from} samples to ${to}`)
  const index = new Int32Array(to)
  const next = new Int32Array(to)
  const weight = new Uint16Array(to)
  for (let i = 0; i < to; i++) {
    // Centre of output sample i in source samples; a cosited chroma sample sits on the first of
    // its two luma samples, a quarter of a chroma sample left of the centre.
    const at = siting === 'center' ? (i + 0.5) * ratio - 0.5 : (i + 0.25) * ratio - 0.25
    const clamped = Math.min(Math.max(at, 0), from - 1)
    let i0 = Math.floor(clamped)
    let w = Math.round((clamped - i0) * 256)
    if (w === 256) {
      i0 += 1
      w = 0
    }
    index[i] = i0
    next[i] = Math.min(i0 + 1, from - 1)
    weight[i] = w
  }
  return { index, next, weight }
}

/** Reused row buffers and taps (one scaler per plane kind: the tables are kept while sizes match). */
export class PlaneScaler {
  private key = ''
  private xs: AxisTaps | null = null
  private ys: AxisTaps | null = null
  private rows: [Uint16Array, Uint16Array] = [new Uint16Array(0), new Uint16Array(0)]

  constructor(
    private readonly sitingX: Siting,
    private readonly sitingY: Siting,
  ) {}

  /**
   * Writes `source` scaled to width × height into `out` at `outOffset`, rows `outStride` apart.
   * `ratioX`/`ratioY` as in axisTaps (default: this plane's own sizes).
   */
  scale(
    source: Plane,
    width: number,
    height: number,
    out: Uint8Array,
    outOffset: number,
    outStride: number,
    ratioX = source.width / width,
    ratioY = source.height / height,
  ): void {
    const key = `${source.width}x${source.height}>${width}x${height}@${ratioX},${ratioY}`
    if (key !== this.key || !this.xs || !this.ys) {
      this.xs = axisTaps(source.width, width, this.sitingX, ratioX)
      this.ys = axisTaps(source.height, height, this.sitingY, ratioY)
      this.rows = [new Uint16Array(width), new Uint16Array(width)]
      this.key = key
    }
    const { xs, ys } = this
    const [even, odd] = this.rows
    const { data, offset, stride } = source
    const xIndex = xs.index
    const xNext = xs.next
    const xWeight = xs.weight
    // Source row r is kept, scaled horizontally, in `even` or `odd` by its parity: the two rows
    // an output row blends are never in one slot.
    let heldEven = -1
    let heldOdd = -1
    for (let y = 0; y < height; y++) {
      const y0 = ys.index[y] as number
      const y1 = ys.next[y] as number
      const w = ys.weight[y] as number
      for (let pass = 0; pass < 2; pass++) {
        const r = pass === 0 ? y0 : y1
        const into = (r & 1) === 0 ? even : odd
        if ((r & 1) === 0 ? heldEven === r : heldOdd === r) continue
        if ((r & 1) === 0) heldEven = r
        else heldOdd = r
        const base = offset + r * stride
        for (let x = 0; x < width; x++) {
          const a = data[base + (xIndex[x] as number)] as number
          const b = data[base + (xNext[x] as number)] as number
          into[x] = ((a << 8) + (b - a) * (xWeight[x] as number)) >> 1
        }
      }
      const upper = (y0 & 1) === 0 ? even : odd
      const lower = (y1 & 1) === 0 ? even : odd
      const target = outOffset + y * outStride
      if (w === 0 || y1 === y0) {
        for (let x = 0; x < width; x++) out[target + x] = ((upper[x] as number) + 64) >> 7
        continue
      }
      // upper + round(d·w/256) as WebAssembly's q15mulr computes it with w·128 in Q15:
      // (d·w·128 + 16384) >> 15, arithmetic (d may be negative).
      const q = w << 7
      for (let x = 0; x < width; x++) {
        const u = upper[x] as number
        out[target + x] = (u + ((((lower[x] as number) - u) * q + 16384) >> 15) + 64) >> 7
      }
    }
  }
}

/** Bytes per block record of the WebAssembly scaler's eight-at-a-time horizontal pass. */
export const BLOCK_BYTES = 80

/**
 * The horizontal taps as block records for scale-planes.wat's $hrowSimd, eight outputs each
 * (the last block repeats the last tap past the width): the source index the block starts from,
 * a byte shuffle for each output's first and second source sample (into the low byte of a
 * 16-bit lane; 255 zeroes the high byte), and the weights. Null when some block's eight outputs
 * reach more than 16 source bytes (a downscale past 2:1): the scalar pass takes those.
 */
export function swizzleBlocks(taps: AxisTaps): Uint8Array | null {
  const width = taps.index.length
  const count = Math.ceil(width / 8)
  const out = new Uint8Array(count * BLOCK_BYTES)
  const view = new DataView(out.buffer)
  for (let b = 0; b < count; b++) {
    const rec = b * BLOCK_BYTES
    const at = (k: number) => Math.min(b * 8 + k, width - 1)
    const base = taps.index[at(0)] ?? 0
    view.setInt32(rec, base, true)
    for (let k = 0; k < 8; k++) {
      const i = at(k)
      const a = (taps.index[i] ?? 0) - base
      const n = (taps.next[i] ?? 0) - base
      if (a < 0 || n < 0 || a > 15 || n > 15) return null
      out[rec + 16 + 2 * k] = a
      out[rec + 16 + 2 * k + 1] = 255
      out[rec + 32 + 2 * k] = n
      out[rec + 32 + 2 * k + 1] = 255
      const w = taps.weight[i] ?? 0
      view.setUint16(rec + 48 + 2 * k, w, true)
      view.setUint16(rec + 64 + 2 * k, 256 - w, true)
    }
  }
  return out
}
