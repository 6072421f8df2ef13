import { axisTaps, PlaneScaler, swizzleBlocks, type AxisTaps } from './scale-planes'
import { WASM_BASE64 } from './wasm/scale-planes.wasm'

/**
 * Memory for one I420 crop and one I420 output picture, and the bilinear scaling from the first
 * to the second (scale-planes.ts's arithmetic): in WebAssembly with SIMD where the engine has it
 * (about 8× the speed of the same loops in JavaScript, measured in Node's V8 on this machine at
 * load average ~9: 2.1 vs 16.7 ms for Y, U and V of a 608×1080 crop scaled to 1080×1920), in JavaScript otherwise, with the same result to the bit. The decoded
 * frame is copied straight into this memory (VideoFrame.copyTo), graded and scaled there, and
 * the output is read from it by the VideoFrame constructor: no other copy in between.
 */
export interface I420Layout {
  /** Luma size of the picture the buffer holds (even: 4:2:0 chroma is half of each). */
  readonly width: number
  readonly height: number
}

/** Where the scaled crop sits in the output picture (all even). */
export interface Placed extends I420Layout {
  readonly x: number
  readonly y: number
}

/** Byte offsets of the three planes of a packed I420 picture. */
export function i420Planes(width: number, height: number) {
  const cw = Math.ceil(width / 2)
  const ch = Math.ceil(height / 2)
  return {
    y: { offset: 0, stride: width },
    u: { offset: width * height, stride: cw },
    v: { offset: width * height + cw * ch, stride: cw },
    size: width * height + 2 * cw * ch,
  }
}

interface WasmScale {
  scale(...args: number[]): void
}

let compiled: WebAssembly.Module | null | undefined

function wasmModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled
  try {
    const bytes = Uint8Array.from(atob(WASM_BASE64), (c) => c.charCodeAt(0))
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null
  } catch {
    compiled = null
  }
  return compiled
}

const PAGE = 65536

/** Scaling of the three planes of `source`'s picture to `output`'s. */
export class YuvWorkspace {
  private memory: WebAssembly.Memory | null = null
  private wasm: WasmScale | null = null
  private js: Uint8Array = new Uint8Array(0)
  private key = ''
  private at = { source: 0, output: 0, taps: 0, rows: 0 }
  private tapsAt: number[] = []
  private blocksAt: number[] = []
  private rowBytes = 0
  private readonly jsScalers = [
    new PlaneScaler('center', 'center'),
    new PlaneScaler('cosited', 'center'),
    new PlaneScaler('cosited', 'center'),
  ]
  private source: I420Layout = { width: 2, height: 2 }
  private output: I420Layout = { width: 2, height: 2 }
  private crop: I420Layout = { width: 2, height: 2 }
  private scaled: Placed = { x: 0, y: 0, width: 2, height: 2 }

  /** `useWasm`: false takes the JavaScript loops (tests compare the two). */
  constructor(private readonly useWasm = true) {}

  /** Whether the WebAssembly scaler runs (false: the JavaScript one). */
  get accelerated(): boolean {
    return this.wasm !== null
  }

  /**
   * Sets the sizes (kept, with their taps, until they change). The source holds a crop whose
   * luma is `source` (even-sized buffer: odd crops are copied a column/row wider, not scaled).
   */
  prepare(source: I420Layout, crop: I420Layout, scaled: Placed, output: I420Layout): void {
    const key = [source, crop, scaled, output].map((l) => JSON.stringify(l)).join()
    if (key === this.key) return
    for (const n of [
      source.width,
      source.height,
      scaled.width,
      scaled.height,
      scaled.x,
      scaled.y,
    ]) {
      if (n % 2 !== 0) throw new Error(`odd I420 geometry ${key}`)
    }
    if (scaled.x + scaled.width > output.width || scaled.y + scaled.height > output.height) {
      throw new Error(`the scaled picture leaves the output: ${key}`)
    }
    const s = i420Planes(source.width, source.height)
    const o = i420Planes(output.width, output.height)
    const cw = Math.ceil(crop.width / 2)
    const ch = Math.ceil(crop.height / 2)
    const rx = crop.width / scaled.width
    const ry = crop.height / scaled.height
    const taps: AxisTaps[] = [
      axisTaps(crop.width, scaled.width, 'center'),
      axisTaps(crop.height, scaled.height, 'center'),
      axisTaps(cw, scaled.width / 2, 'cosited', rx),
      axisTaps(ch, scaled.height / 2, 'center', ry),
    ]
    const align = (n: number) => (n + 15) & ~15
    let end = 0
    const take = (n: number) => {
      const start = end
      end += align(n)
      return start
    }
    this.at.source = take(s.size)
    this.at.output = take(o.size)
    this.tapsAt = taps.map((t) => take(t.index.length * 12))
    // Luma's and chroma's horizontal taps as eight-output blocks (0: the scalar pass).
    const blocks = [swizzleBlocks(taps[0] as AxisTaps), swizzleBlocks(taps[2] as AxisTaps)]
    this.blocksAt = blocks.map((b) => (b ? take(b.byteLength) : 0))
    // Two rows of 16-bit samples, each padded to whole blocks of eight.
    this.rowBytes = Math.ceil(scaled.width / 8) * 16
    this.at.rows = take(this.rowBytes * 2)
    // The blocks' 16-byte loads may read past the last source row: keep them inside memory.
    take(16)
    const module = this.useWasm ? wasmModule() : null
    if (module) {
      if (!this.memory) this.memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE) })
      const have = this.memory.buffer.byteLength
      if (have < end) this.memory.grow(Math.ceil((end - have) / PAGE))
      if (!this.wasm) {
        const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } })
        this.wasm = instance.exports as unknown as WasmScale
      }
    } else if (this.js.byteLength < end) {
      this.js = new Uint8Array(end)
    }
    const ints = new Int32Array(this.heap().buffer)
    blocks.forEach((b, i) => {
      if (b) this.heap().set(b, this.blocksAt[i] ?? 0)
    })
    taps.forEach((t, i) => {
      const base = (this.tapsAt[i] ?? 0) / 4
      const n = t.index.length
      ints.set(t.index, base)
      ints.set(t.next, base + n)
      for (let k = 0; k < n; k++) ints[base + 2 * n + k] = t.weight[k] ?? 0
    })
    this.source = source
    this.output = output
    this.crop = crop
    this.scaled = scaled
    this.key = key
  }

  private heap(): Uint8Array {
    return this.memory ? new Uint8Array(this.memory.buffer) : this.js
  }

  /** Where the crop's planes go (packed I420 of the prepared source size). */
  sourceBytes(): Uint8Array {
    const { width, height } = this.source
    return this.heap().subarray(this.at.source, this.at.source + i420Planes(width, height).size)
  }

  /** The output picture (packed I420 of the prepared output size). */
  outputBytes(): Uint8Array {
    const { width, height } = this.output
    return this.heap().subarray(this.at.output, this.at.output + i420Planes(width, height).size)
  }

  /**
   * Scales the crop (top-left of the source buffer) into its place in the output; the rest of
   * the output is left as it is.
   */
  scale(): void {
    const s = i420Planes(this.source.width, this.source.height)
    const o = i420Planes(this.output.width, this.output.height)
    const { x: px, y: py, width: sw, height: sh } = this.scaled
    const { width: cw, height: ch } = this.crop
    const ow = this.output.width
    const half = (n: number) => Math.ceil(n / 2)
    const planes = [
      { from: s.y, to: o.y.offset + py * ow + px, toStride: ow, w: cw, h: ch, sw, sh, x: 0, y: 1 },
      ...[s.u, s.v].map((from, i) => ({
        from,
        to: (i === 0 ? o.u.offset : o.v.offset) + (py / 2) * (ow / 2) + px / 2,
        toStride: ow / 2,
        w: half(cw),
        h: half(ch),
        sw: sw / 2,
        sh: sh / 2,
        x: 2,
        y: 3,
      })),
    ]
    const heap = this.heap()
    for (const [i, p] of planes.entries()) {
      const xt = this.tapsAt[p.x] ?? 0
      const yt = this.tapsAt[p.y] ?? 0
      if (this.wasm) {
        this.wasm.scale(
          this.at.source + p.from.offset,
          p.from.stride,
          p.sw,
          p.sh,
          this.at.output + p.to,
          p.toStride,
          xt,
          xt + p.sw * 4,
          xt + p.sw * 8,
          yt,
          yt + p.sh * 4,
          yt + p.sh * 8,
          this.at.rows,
          this.at.rows + this.rowBytes,
          this.blocksAt[i === 0 ? 0 : 1] ?? 0,
        )
      } else {
        const plane = {
          data: heap,
          offset: this.at.source + p.from.offset,
          stride: p.from.stride,
          width: p.w,
          height: p.h,
        }
        const ratioX = cw / sw
        const ratioY = ch / sh
        this.jsScalers[i]?.scale(
          plane,
          p.sw,
          p.sh,
          heap,
          this.at.output + p.to,
          p.toStride,
          ratioX,
          ratioY,
        )
      }
    }
  }
}
