import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { ColorPathPreference } from '../renderer/features/editor/preview/color-path'
import type {
  PixelDiff,
  PixelPathOutcome,
  PixelPathSpec,
  PreviewHarnessOutcome,
  PreviewHarnessSpec,
} from '../renderer/features/editor/preview/harness-api'
import type { PerPixelEffectPass } from '../renderer/features/editor/preview/pixel-passes'
import type { PrimitiveEffect } from '../shared/timeline'
import { launchChromium } from './chromium'
import { openHarness } from './harness-page'
import { nativeFfmpegFor, makeLandscapeClip, makePortraitClip, probeInfo } from './fixtures/media'

/**
 * The preview's WebGL2 colour pass against its CPU pass, in Debian's Chromium. This machine has
 * no GPU: WebGL2 is SwiftShader (software), which the automatic choice must refuse, so the GL
 * path is forced here. Every effect kind — eq terms, grey, colour temperature, LUTs, vignette,
 * and mixes of them in order — is drawn by both paths and the pictures must agree to within
 * 2 code values per channel, 0.5 on average. Synthetic frames go straight through the pixel-pass
 * runners on the harness page; decoded video goes through the whole preview worker.
 */

const HARNESS = '/features/editor/preview/harness.html'
const FPS = 30
const MAX_DIFF = 2
const MAX_MEAN_DIFF = 0.5

let browser: Browser
let page: Page
const pageErrors: string[] = []

const color = (...effects: PrimitiveEffect[]): PerPixelEffectPass => ({ kind: 'color', effects })
const vignette = (angle: number): PerPixelEffectPass => ({ kind: 'vignette', angle })

/** Each effect kind alone, at values that clip, and mixes whose order matters. */
const CASES: readonly (readonly [string, readonly PerPixelEffectPass[]])[] = [
  ['brightness +0.15', [color({ type: 'brightness', value: 0.15 })]],
  ['brightness −0.3 (clips)', [color({ type: 'brightness', value: -0.3 })]],
  ['contrast 1.8', [color({ type: 'contrast', value: 1.8 })]],
  ['contrast 0.6', [color({ type: 'contrast', value: 0.6 })]],
  ['saturation 2.2', [color({ type: 'saturation', value: 2.2 })]],
  ['saturation 0', [color({ type: 'saturation', value: 0 })]],
  [
    'brightness, contrast and saturation',
    [
      color(
        { type: 'brightness', value: 0.06 },
        { type: 'contrast', value: 1.25 },
        { type: 'saturation', value: 1.5 },
      ),
    ],
  ],
  ['black and white', [color({ type: 'blackAndWhite' })]],
  ['temperature 3000 K', [color({ type: 'temperature', kelvin: 3000 })]],
  ['temperature 12000 K', [color({ type: 'temperature', kelvin: 12000 })]],
  ['LUT warm.cube', [color({ type: 'lut', file: 'warm.cube' })]],
  ['LUT teal-orange.cube', [color({ type: 'lut', file: 'teal-orange.cube' })]],
  ['vignette π/4', [vignette(Math.PI / 4)]],
  [
    'temperature → contrast → LUT → saturation → grey',
    [
      color(
        { type: 'temperature', kelvin: 4200 },
        { type: 'contrast', value: 1.3 },
        { type: 'lut', file: 'teal-orange.cube' },
        { type: 'saturation', value: 1.4 },
        { type: 'blackAndWhite' },
      ),
    ],
  ],
  [
    'LUT → eq → temperature → LUT',
    [
      color(
        { type: 'lut', file: 'warm.cube' },
        { type: 'brightness', value: -0.08 },
        { type: 'saturation', value: 1.7 },
        { type: 'temperature', kelvin: 9000 },
        { type: 'lut', file: 'teal-orange.cube' },
      ),
    ],
  ],
  [
    'colour, vignette, colour (8-bit between passes)',
    [
      color({ type: 'contrast', value: 1.3 }, { type: 'temperature', kelvin: 4000 }),
      vignette(Math.PI / 5),
      color({ type: 'lut', file: 'teal-orange.cube' }, { type: 'brightness', value: -0.05 }),
    ],
  ],
]

async function compare(spec: PixelPathSpec) {
  const outcome: PixelPathOutcome = await page.evaluate(async (s) => {
    const api = window.__reeldeskPreviewTest
    if (!api) throw new Error('harness not loaded')
    return api.comparePixelPaths(s)
  }, spec)
  if (!outcome.ok) throw new Error(`pixel paths failed: ${outcome.message}`)
  return outcome
}

async function probe(preference: ColorPathPreference) {
  return page.evaluate(async (p) => {
    const api = window.__reeldeskPreviewTest
    if (!api) throw new Error('harness not loaded')
    return api.probeColorPath(p)
  }, preference)
}

const describeDiff = (d: PixelDiff) =>
  `max ${d.maxDiff}, mean ${d.meanDiff.toFixed(4)}, channels off by 0/1/2/≥3: ${d.histogram.join('/')}`

beforeAll(async () => {
  browser = await launchChromium()
  page = await openHarness(browser, `${inject('baseUrl')}${HARNESS}`, { pageErrors })
})

afterAll(async () => {
  await browser?.close()
})

describe('choosing the colour path (Chromium without a GPU)', () => {
  it('chooses the CPU path automatically: SwiftShader is not a GPU', async () => {
    const auto = await probe('auto')
    process.stdout.write(`auto colour path: ${JSON.stringify(auto)}\n`)
    expect(auto.path).toBe('cpu')
    expect(['performance-caveat', 'software-renderer']).toContain(auto.reason)
    const forced = await probe('gl')
    process.stdout.write(`forced GL colour path: ${JSON.stringify(forced)}\n`)
    expect(forced).toMatchObject({ path: 'gl', reason: 'forced' })
    expect(forced.renderer).toMatch(/swiftshader/i)
    expect(await probe('cpu')).toEqual({ path: 'cpu', reason: 'forced' })
  })

  it('reports the choice from the preview worker', async () => {
    // Media opens lazily (on the first frame), so a load needs no decodable file.
    await page.locator('#files').setInputFiles({
      name: 'placeholder.mp4',
      mimeType: 'video/mp4',
      buffer: Buffer.from('never decoded'),
    })
    const spec: PreviewHarnessSpec = {
      timeline: {
        version: 1,
        canvas: '1080x1920',
        fps: FPS,
        clips: [{ id: 'c', mediaId: 'm', inMs: 0, outMs: 1000 }],
      },
      media: {
        m: {
          file: 'placeholder.mp4',
          info: { width: 1920, height: 1080, durationMs: 2000, hasAudio: false, rotation: 0 },
        },
      },
    }
    const load = (colorPath?: ColorPathPreference) =>
      page.evaluate(
        async ([s, p]) => {
          const api = window.__reeldeskPreviewTest
          if (!api) throw new Error('harness not loaded')
          return api.load(s, p ? { colorPath: p } : {})
        },
        [spec, colorPath] as const,
      )
    const auto = await load()
    expect(auto.ok).toBe(true)
    expect(auto.colorPath?.path).toBe('cpu')
    expect((await load('gl')).colorPath).toMatchObject({ path: 'gl', reason: 'forced' })
  })
})

describe('WebGL2 colour pass against the CPU pass (synthetic 1080×1920 frames)', () => {
  it.each(CASES)('draws %s like the CPU path', async (name, passes) => {
    const result = await compare({ width: 1080, height: 1920, passes })
    process.stdout.write(`GL vs CPU, ${name}: ${describeDiff(result.diff)}\n`)
    expect(result.colorPath).toMatchObject({ path: 'gl' })
    expect(result.diff.maxDiff).toBeLessThanOrEqual(MAX_DIFF)
    expect(result.diff.meanDiff).toBeLessThanOrEqual(MAX_MEAN_DIFF)
  })

  it('times both paths on a full frame', async () => {
    const timed = [CASES[0], CASES[10], CASES.at(-1)].filter((c) => c !== undefined)
    for (const [name, passes] of timed) {
      const result = await compare({ width: 1080, height: 1920, passes, runs: 5 })
      process.stdout.write(
        `per 1080×1920 frame, ${name}: CPU ${result.cpuMs.toFixed(1)} ms, ` +
          `WebGL2 ${result.glMs.toFixed(1)} ms (first run ${result.glFirstMs.toFixed(1)} ms) ` +
          `on ${result.colorPath.renderer ?? '?'}\n`,
      )
      expect(result.diff.maxDiff).toBeLessThanOrEqual(MAX_DIFF)
    }
  }, 120_000)

  it('falls back to the CPU path, without throwing, when the context is lost', async () => {
    const passes = CASES.at(-1)?.[1] ?? []
    for (const loseContextBeforeRun of [0, 1]) {
      // runs: 1 → the warm-up run (0) and one more (1); the last picture is the one compared.
      const result = await compare({
        width: 540,
        height: 960,
        passes,
        runs: 1,
        loseContextBeforeRun,
      })
      expect(result.colorPath).toMatchObject({ path: 'cpu', reason: 'context-lost' })
      expect(result.diff.maxDiff).toBe(0)
    }
    expect(pageErrors).toEqual([])
  })
})

const hasFfmpeg = nativeFfmpegFor('The "WebGL2 colour pass in the preview worker (video)" suite')
describe.skipIf(!hasFfmpeg)('WebGL2 colour pass in the preview worker (video)', () => {
  let dir = ''
  const files: Record<string, string> = {}

  /** Landscape filled into 9:16: colour runs at source-crop size, before the upscale. */
  const landscape = {
    version: 1,
    canvas: '1080x1920',
    fps: FPS,
    clips: [
      {
        id: 'a',
        mediaId: 'land',
        inMs: 0,
        outMs: 2000,
        effects: [
          { type: 'temperature', kelvin: 4200 },
          { type: 'contrast', value: 1.3 },
          { type: 'lut', file: 'warm.cube' },
          { type: 'saturation', value: 1.4 },
          { type: 'vignette', angle: Math.PI / 5 },
        ],
      },
    ],
    effects: [
      { type: 'brightness', value: 0.05 },
      { type: 'lut', file: 'teal-orange.cube' },
    ],
  }
  /** Portrait fitted at 90 %: colour runs at visible size with the vignette, then blur. */
  const portrait = {
    version: 1,
    canvas: '1080x1920',
    fps: FPS,
    clips: [
      {
        id: 'b',
        mediaId: 'port',
        inMs: 0,
        outMs: 1500,
        fit: 'fit',
        scale: 0.9,
        effects: [
          { type: 'brightness', value: -0.1 },
          { type: 'saturation', value: 1.6 },
          { type: 'temperature', kelvin: 9000 },
          { type: 'vignette', angle: Math.PI / 4 },
          { type: 'blur', radius: 2 },
        ],
      },
    ],
    effects: [{ type: 'preset', name: 'noir' }],
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-preview-webgl-e2e-'))
    files.land = makeLandscapeClip(dir, 2)
    files.port = makePortraitClip(dir, 2)
    await page.locator('#files').setInputFiles(Object.values(files))
  })

  afterAll(() => {
    if (dir && !process.env.REELDESK_KEEP_E2E) rmSync(dir, { recursive: true, force: true })
  })

  const spec = (timeline: unknown): PreviewHarnessSpec => {
    const media = (file: string) => ({ file: path.basename(file), info: probeInfo(file) })
    return { timeline, media: { land: media(files.land ?? ''), port: media(files.port ?? '') } }
  }

  async function render(timeline: unknown, frame: number, colorPath: ColorPathPreference) {
    const loaded = await page.evaluate(
      async ([s, p]) => {
        const api = window.__reeldeskPreviewTest
        if (!api) throw new Error('harness not loaded')
        return api.load(s, { colorPath: p })
      },
      [spec(timeline), colorPath] as const,
    )
    if (!loaded.ok) throw new Error(`preview load failed: ${loaded.message ?? ''}`)
    // The first frame opens the decoder; time the second.
    const draw = async (at: number): Promise<PreviewHarnessOutcome & { ok: true }> => {
      const outcome: PreviewHarnessOutcome = await page.evaluate(
        async (ms) => {
          const api = window.__reeldeskPreviewTest
          if (!api) throw new Error('harness not loaded')
          return api.renderPng(ms)
        },
        (at * 1000) / FPS,
      )
      if (!outcome.ok) throw new Error(`preview render failed: ${outcome.message}`)
      return outcome
    }
    await draw(frame - 1)
    return draw(frame)
  }

  it.each([
    ['landscape, colour before the upscale, global LUT', landscape],
    ['portrait fit, colour + vignette at visible size, blur, noir', portrait],
  ] as const)(
    'draws %s like the CPU path',
    async (name, timeline) => {
      const frame = 20
      const cpu = await render(timeline, frame, 'cpu')
      const gl = await render(timeline, frame, 'gl')
      expect(cpu.colorPath).toEqual({ path: 'cpu', reason: 'forced' })
      expect(gl.colorPath).toMatchObject({ path: 'gl', reason: 'forced' })
      expect(gl.frame).toBe(frame)
      const diff: PixelDiff = await page.evaluate(
        async ([a, b]) => {
          const api = window.__reeldeskPreviewTest
          if (!api) throw new Error('harness not loaded')
          return api.diffPngs(a, b)
        },
        [cpu.png, gl.png] as const,
      )
      process.stdout.write(
        `worker GL vs CPU, ${name}: ${describeDiff(diff)}; whole frame CPU ${cpu.renderMs} ms, ` +
          `WebGL2 ${gl.renderMs} ms\n`,
      )
      expect(diff.maxDiff).toBeLessThanOrEqual(MAX_DIFF)
      expect(diff.meanDiff).toBeLessThanOrEqual(MAX_MEAN_DIFF)
      expect(pageErrors).toEqual([])
    },
    120_000,
  )
})
