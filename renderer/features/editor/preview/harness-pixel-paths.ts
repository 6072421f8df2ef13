import { bundledResources } from '../engine/bundled-resources'
import type { PixelDiff, PixelPathOutcome, PixelPathSpec } from './harness-api'
import { GlPixelPass } from './gl-pixel-pass'
import { parseCube, type Lut3d } from './lut'
import { PixelPassRunner } from './pixel-pass-runner'

/**
 * Test-only (harness.ts): the same passes through the CPU runner and a forced-WebGL2 runner on a
 * synthetic frame, compared pixel by pixel and timed. The frame's top half is pseudo-random
 * colours (every op meets the whole RGB cube, clipping included); the bottom half is smooth
 * ramps, where a systematic one-step offset would show as banding.
 */
export async function comparePixelPaths(spec: PixelPathSpec): Promise<PixelPathOutcome> {
  const luts = await loadLuts(spec)
  const pattern = testPattern(spec.width, spec.height)
  const runs = spec.runs ?? 1
  const cpu = new PixelPassRunner('cpu')
  let lose: (() => void) | null = null
  const gl = new PixelPassRunner('gl', (options) => {
    const made = GlPixelPass.create(options)
    if ('pass' in made) {
      const context = made.pass.gl
      lose = () => context.getExtension('WEBGL_lose_context')?.loseContext()
    }
    return made
  })
  try {
    if (gl.report.path !== 'gl') {
      return { ok: false, message: `no WebGL2 path here: ${JSON.stringify(gl.report)}` }
    }
    const reference = timedRuns(cpu, pattern, spec, luts, runs)
    const tested = timedRuns(gl, pattern, spec, luts, runs, (run) => {
      if (run === spec.loseContextBeforeRun) lose?.()
    })
    return {
      ok: true,
      diff: pixelDiff(reference.pixels, tested.pixels),
      cpuMs: reference.medianMs,
      glMs: tested.medianMs,
      glFirstMs: tested.firstMs,
      colorPath: gl.report,
    }
  } finally {
    gl.dispose()
  }
}

export async function diffPngs(a: string, b: string): Promise<PixelDiff> {
  const [pa, pb] = await Promise.all([decodePng(a), decodePng(b)])
  if (pa.width !== pb.width || pa.height !== pb.height) {
    throw new Error(`sizes differ: ${pa.width}×${pa.height} vs ${pb.width}×${pb.height}`)
  }
  return pixelDiff(pa.data, pb.data)
}

function timedRuns(
  runner: PixelPassRunner,
  pattern: ImageData,
  spec: PixelPathSpec,
  luts: ReadonlyMap<string, Lut3d>,
  runs: number,
  beforeRun?: (run: number) => void,
): { firstMs: number; medianMs: number; pixels: Uint8ClampedArray } {
  const canvas = new OffscreenCanvas(spec.width, spec.height)
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('no 2D context')
  const times: number[] = []
  for (let run = 0; run <= runs; run++) {
    ctx.putImageData(pattern, 0, 0)
    beforeRun?.(run)
    const started = performance.now()
    runner.apply(ctx, spec.passes, luts)
    // Canvas 2D defers drawing until something reads it: read one pixel so the time is the pass.
    ctx.getImageData(0, 0, 1, 1)
    times.push(performance.now() - started)
  }
  const timed = times.slice(1).sort((x, y) => x - y)
  return {
    firstMs: times[0] ?? 0,
    medianMs: timed[Math.floor(timed.length / 2)] ?? 0,
    pixels: ctx.getImageData(0, 0, spec.width, spec.height).data,
  }
}

function pixelDiff(a: Uint8ClampedArray, b: Uint8ClampedArray): PixelDiff {
  if (a.length !== b.length) throw new Error('pictures of different sizes')
  const histogram: [number, number, number, number] = [0, 0, 0, 0]
  let max = 0
  let sum = 0
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = Math.abs((a[i + c] ?? 0) - (b[i + c] ?? 0))
      max = Math.max(max, d)
      sum += d
      const bucket = Math.min(d, 3)
      histogram[bucket] = (histogram[bucket] ?? 0) + 1
    }
  }
  return { maxDiff: max, meanDiff: sum / ((a.length / 4) * 3), histogram }
}

function testPattern(width: number, height: number): ImageData {
  const image = new ImageData(width, height)
  const data = image.data
  const half = Math.floor(height / 2)
  let seed = 0x2545f491
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      if (y < half) {
        // xorshift32
        seed ^= seed << 13
        seed ^= seed >>> 17
        seed ^= seed << 5
        data[i] = seed & 0xff
        data[i + 1] = (seed >>> 8) & 0xff
        data[i + 2] = (seed >>> 16) & 0xff
      } else {
        data[i] = (255 * x) / Math.max(1, width - 1)
        data[i + 1] = (255 * (y - half)) / Math.max(1, height - half - 1)
        data[i + 2] = (x + y) & 0xff
      }
      data[i + 3] = 255
    }
  }
  return image
}

async function loadLuts(spec: PixelPathSpec): Promise<Map<string, Lut3d>> {
  const files = new Set<string>()
  for (const pass of spec.passes) {
    if (pass.kind !== 'color') continue
    for (const effect of pass.effects) if (effect.type === 'lut') files.add(effect.file)
  }
  const luts = new Map<string, Lut3d>()
  for (const file of files) {
    const url = bundledResources.luts.get(file)
    if (!url) throw new Error(`LUT "${file}" is not bundled`)
    const response = await fetch(url)
    luts.set(file, parseCube(await response.text()))
  }
  return luts
}

async function decodePng(base64: string): Promise<ImageData> {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  })
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('no 2D context')
  ctx.drawImage(bitmap, 0, 0)
  bitmap.close()
  return ctx.getImageData(0, 0, canvas.width, canvas.height)
}
