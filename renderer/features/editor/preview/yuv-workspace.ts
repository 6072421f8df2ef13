import { blitOverlay, type YuvOverlay } from './plane-overlay'
import { axisTaps, PlaneScaler, swizzleBlocks, type AxisTaps } from './scale-planes'
import { WASM_BASE64 as BLEND_WASM } from './wasm/blend-overlay.wasm'
import { WASM_BASE64 as SCALE_WASM } from './wasm/scale-planes.wasm'

/**
 * Memory for one I420 crop and one I420 output picture, the bilinear scaling from the first
 * to the second (scale-planes.ts's arithmetic) and the blending of overlays over the second
 * (plane-overlay.ts's): in WebAssembly with SIMD where the engine has it, in JavaScript
 * otherwise, with the same result to the bit. `npm run bench:compose` compares the two in V8
 * (Y, U and V of a 608×1080 crop scaled to 1080×1920: 0.93 against 16.1 ms here). The decoded
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

interface WasmBlend {
  blend(...args: number[]): void
}

const compiled = new Map<string, WebAssembly.Module | null>()

/** The module of `base64` (compiled once), or null where the engine lacks WebAssembly SIMD. */
function wasmModule(base64: string): WebAssembly.Module | null {
  const known = compiled.get(base64)
  if (known !== undefined) return known
  let made: WebAssembly.Module | null
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
    made = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null
  } catch {
    made = null
  }
  compiled.set(base64, made)
  return made
}

/**
 * Bytes an overlay clipped to a picture of `area` luma samples can need: alpha (1) and Y'·alpha
 * (2) per sample, and per 2×2 block alpha (1), Cb·alpha and Cr·alpha (2 each).
 */
const overlayBytes = (area: number) => area * 3 + (area / 4) * 5

const PAGE = 65536

/** Scaling of the three planes of `source`'s picture to `output`'s, and overlays over the output. */
export class YuvWorkspace {
  private memory: WebAssembly.Memory | null = null
  private wasm: WasmScale | null = null
  private blender: WasmBlend | null = null
  private js: Uint8Array = new Uint8Array(0)
  private key = ''
  private at = { source: 0, output: 0, taps: 0, rows: 0, overlay: 0 }
  /** The overlay part blend() last copied into memory (a caption is the same every frame). */
  private copied: { overlay: YuvOverlay; box: string } | null = null
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
    // Room for one overlay clipped to the output (blend() copies it here): the memory never
    // grows while a frame is drawn, so views of it taken earlier in the frame stay valid.
    this.at.overlay = take(overlayBytes(output.width * output.height) + 5 * 16)
    this.copied = null
    // The blocks' 16-byte loads may read past the last source row: keep them inside memory.
    take(16)
    const module = this.useWasm ? wasmModule(SCALE_WASM) : null
    const blendModule = this.useWasm ? wasmModule(BLEND_WASM) : null
    if (module) {
      if (!this.memory) this.memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE) })
      const have = this.memory.buffer.byteLength
      if (have < end) this.memory.grow(Math.ceil((end - have) / PAGE))
      const env = { env: { memory: this.memory } }
      if (!this.wasm) {
        const instance = new WebAssembly.Instance(module, env)
        this.wasm = instance.exports as unknown as WasmScale
      }
      if (!this.blender && blendModule) {
        const instance = new WebAssembly.Instance(blendModule, env)
        this.blender = instance.exports as unknown as WasmBlend
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

  /**
   * Blends `overlay` over the output picture, clipped to it, with blitOverlay's result to the
   * bit: the part of the overlay inside the picture is copied into this memory (a few hundred
   * kilobytes for a caption; not again while the same overlay comes back to the same place)
   * and blended there.
   */
  blend(overlay: YuvOverlay): void {
    const { width, height } = this.output
    if (!this.blender || !this.memory) {
      blitOverlay(this.outputBytes(), width, height, overlay)
      return
    }
    const x0 = Math.max(0, overlay.x)
    const y0 = Math.max(0, overlay.y)
    const x1 = Math.min(width, overlay.x + overlay.width)
    const y1 = Math.min(height, overlay.y + overlay.height)
    if (x0 >= x1 || y0 >= y1) return
    // All even: the overlay's corner and size are (plane-overlay.ts), and so is the picture.
    const w = x1 - x0
    const h = y1 - y0
    const buffer = this.memory.buffer
    let end = this.at.overlay
    const place = (bytes: number) => {
      const start = end
      end += (bytes + 15) & ~15
      return start
    }
    const alphaAt = place(w * h)
    const lumaAt = place(w * h * 2)
    const chromaAlphaAt = place((w * h) / 4)
    const cbAt = place((w * h) / 2)
    const crAt = place((w * h) / 2)
    const copy = (
      from: Uint8Array | Uint16Array,
      to: Uint8Array | Uint16Array,
      stride: number,
      left: number,
      top: number,
      cols: number,
      rows: number,
    ) => {
      if (cols === stride) {
        to.set(from.subarray(top * stride, (top + rows) * stride))
        return
      }
      for (let r = 0; r < rows; r++) {
        const start = (top + r) * stride + left
        to.set(from.subarray(start, start + cols), r * cols)
      }
    }
    const left = x0 - overlay.x
    const top = y0 - overlay.y
    const cw = w / 2
    const ch = h / 2
    const box = `${x0},${y0},${w},${h}`
    if (this.copied?.overlay !== overlay || this.copied.box !== box) {
      copy(overlay.alpha, new Uint8Array(buffer, alphaAt, w * h), overlay.width, left, top, w, h)
      copy(overlay.luma, new Uint16Array(buffer, lumaAt, w * h), overlay.width, left, top, w, h)
      const chroma = (from: Uint8Array | Uint16Array, to: Uint8Array | Uint16Array) =>
        copy(from, to, overlay.width / 2, left / 2, top / 2, cw, ch)
      chroma(overlay.chromaAlpha, new Uint8Array(buffer, chromaAlphaAt, cw * ch))
      chroma(overlay.cb, new Uint16Array(buffer, cbAt, cw * ch))
      chroma(overlay.cr, new Uint16Array(buffer, crAt, cw * ch))
      this.copied = { overlay, box }
    }
    const o = i420Planes(width, height)
    const base = this.at.output
    const half = width / 2
    const chromaAt = (y0 / 2) * half + x0 / 2
    this.blender.blend(base + o.y.offset + y0 * width + x0, width, alphaAt, lumaAt, w, w, h)
    this.blender.blend(base + o.u.offset + chromaAt, half, chromaAlphaAt, cbAt, cw, cw, ch)
    this.blender.blend(base + o.v.offset + chromaAt, half, chromaAlphaAt, crAt, cw, cw, ch)
  }
}
