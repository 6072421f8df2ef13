import { blitOverlay, yuvOverlay } from '../../renderer/features/editor/preview/plane-overlay'
import { YuvWorkspace } from '../../renderer/features/editor/preview/yuv-workspace'

/**
 * `npm run bench:compose`: the per-frame kernels of the export's Y'CbCr path (plane-compositor.ts)
 * in V8, WebAssembly SIMD against the JavaScript reference that computes the same bytes (the unit
 * tests hold them equal): the bilinear upscale of the reference edit's crop (608×1080 → 1080×1920,
 * Y, U and V) and the blend of a 700×120 caption (a glyph-like alpha pattern with soft edges).
 * Medians of ROUNDS alternating rounds of FRAMES calls each; milliseconds per frame.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7)
const FRAMES = 30

function workspace(useWasm: boolean): YuvWorkspace {
  const work = new YuvWorkspace(useWasm)
  const crop = { width: 608, height: 1080 }
  const canvas = { width: 1080, height: 1920 }
  work.prepare(crop, crop, { x: 0, y: 0, ...canvas }, canvas)
  const source = work.sourceBytes()
  let s = 7
  for (let i = 0; i < source.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0
    source[i] = ((i % 608) >> 2) + (s >>> 28)
  }
  return work
}

/** Strokes 14 px wide every 40 px with 3 px of soft edge each side, as a caption's letters. */
function caption(width: number, height: number) {
  const data = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.abs((x % 40) - 20) + (y < 20 || y > 100 ? 12 : 0)
      const alpha = d <= 7 ? 255 : d <= 10 ? Math.round(255 * ((10 - d) / 3)) : 0
      data.set([250, 250, 250, alpha], (y * width + x) * 4)
    }
  }
  return yuvOverlay({ data, width, height }, 190, 280, 1, true)
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

function perFrame(run: () => void): number {
  const start = performance.now()
  for (let i = 0; i < FRAMES; i++) run()
  return (performance.now() - start) / FRAMES
}

const wasm = workspace(true)
const js = workspace(false)
if (!wasm.accelerated) throw new Error('this V8 has no WebAssembly SIMD: nothing to compare')
const overlay = caption(700, 120)
const jsOutput = js.outputBytes()
const times = {
  scaleWasm: [] as number[],
  scaleJs: [] as number[],
  blendWasm: [] as number[],
  blendJs: [] as number[],
}
// One warm-up round each (tier-up), then alternating rounds.
for (let round = -1; round < ROUNDS; round++) {
  const sample = {
    scaleWasm: perFrame(() => wasm.scale()),
    scaleJs: perFrame(() => js.scale()),
    blendWasm: perFrame(() => wasm.blend(overlay)),
    blendJs: perFrame(() => blitOverlay(jsOutput, 1080, 1920, overlay)),
  }
  if (round < 0) continue
  for (const key of Object.keys(times) as (keyof typeof times)[]) times[key].push(sample[key])
}

const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])) as Record<
  keyof typeof times,
  number
>
const row = (name: string, w: number, j: number) =>
  `${name.padEnd(44)}${w.toFixed(2).padStart(9)}${j.toFixed(2).padStart(12)}${(j / w).toFixed(1).padStart(9)}×`
console.log(`compose kernels, ms per frame (median of ${ROUNDS} rounds of ${FRAMES})`)
console.log(
  `${'kernel'.padEnd(44)}${'wasm'.padStart(9)}${'javascript'.padStart(12)}${'speed-up'.padStart(10)}`,
)
console.log(row('bilinear 608×1080 → 1080×1920 (Y, U, V)', m.scaleWasm, m.scaleJs))
console.log(row('caption 700×120 blended (Y, U, V)', m.blendWasm, m.blendJs))
console.log(
  JSON.stringify({
    bench: 'compose',
    scale_wasm_ms: Number(m.scaleWasm.toFixed(3)),
    scale_js_ms: Number(m.scaleJs.toFixed(3)),
    blend_wasm_ms: Number(m.blendWasm.toFixed(3)),
    blend_js_ms: Number(m.blendJs.toFixed(3)),
  }),
)
