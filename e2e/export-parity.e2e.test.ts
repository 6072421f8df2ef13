import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { HarnessOutcome, HarnessSpec } from '../renderer/features/editor/engine/harness-api'
import type { PreviewHarnessOutcome } from '../renderer/features/editor/preview/harness-api'
import { launchChromium } from './chromium'
import { openHarness } from './harness-page'
import { extractFrame, ssim, videoSsim } from './fixtures/frames'
import {
  hasNativeFfmpeg,
  makeLandscapeClip,
  makeLogo,
  makePortraitClip,
  makeRotatedClip,
  probeInfo,
} from './fixtures/media'
import { renderNative, type ExportPlan } from './fixtures/native-plan'

/**
 * The one compositor against native ffmpeg: every effect, transition, text style, image overlay,
 * speed change, a phone's rotated clip, 60 fps and the three canvas sizes, exported by the
 * WebCodecs engine and compared frame by frame with native ffmpeg running the compiled arguments
 * (the fallback's own command, with the compositor's text pictures). And text the way captions
 * are written — emoji with a variation selector, a ZWJ sequence, right-to-left and CJK — checked
 * in the exported frame against the preview's frame, on both engines.
 */

const ENGINE = '/features/editor/engine/harness.html'
const PREVIEW = '/features/editor/preview/harness.html'
/** The bar for the one compositor against native ffmpeg. */
const MIN_SSIM = 0.98
/** An exported frame against the preview's frame of the same edit (one compositor, one encode). */
const MIN_TEXT_SSIM = 0.98

let dir = ''
let browser: Browser
let engine: Page
let preview: Page
const pageErrors: string[] = []
const files: Record<string, string> = {}

const media = () => {
  const entry = (file: string) => ({ file: path.basename(file), info: probeInfo(file) })
  return {
    land: entry(files.land ?? ''),
    port: entry(files.port ?? ''),
    phone: entry(files.phone ?? ''),
    logo: entry(files.logo ?? ''),
  }
}

async function exportWith(spec: HarnessSpec, engineName: 'auto' | 'ffmpeg'): Promise<string> {
  await engine.evaluate((e) => window.__reeldeskEngineTest?.reset({ engine: e }), engineName)
  const outcome: HarnessOutcome = await engine.evaluate(async (s) => {
    const api = window.__reeldeskEngineTest
    if (!api) throw new Error('harness not loaded')
    return api.exportVideo(s)
  }, spec)
  if (!outcome.ok) throw new Error(`export failed: ${outcome.code}: ${outcome.message}`)
  expect(outcome.engine).toBe(engineName === 'auto' ? 'webcodecs' : 'ffmpeg')
  const out = path.join(dir, `${engineName}-${Math.random().toString(36).slice(2)}.mp4`)
  writeFileSync(out, Buffer.from(outcome.base64, 'base64'))
  return out
}

async function native(spec: HarnessSpec, name: string): Promise<string> {
  const plan: ExportPlan = await engine.evaluate(async (s) => {
    const api = window.__reeldeskEngineTest
    if (!api) throw new Error('harness not loaded')
    return api.plan(s)
  }, spec)
  return renderNative(plan, dir, path.join(dir, `${name}-native.mp4`))
}

/** Exports with the WebCodecs engine, renders natively, returns the mean SSIM. */
async function parity(name: string, timeline: object): Promise<number> {
  const spec: HarnessSpec = { media: media(), timeline }
  const app = await exportWith(spec, 'auto')
  const score = videoSsim(app, await native(spec, name))
  process.stdout.write(`WebCodecs engine vs native ffmpeg (${name}): SSIM ${score}\n`)
  return score
}

const clip = (id: string, mediaId: string, inMs: number, extra: object = {}) => ({
  id,
  mediaId,
  inMs,
  outMs: inMs + 400,
  ...extra,
})

describe.skipIf(!hasNativeFfmpeg())('one compositor against native ffmpeg (Chromium)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-parity-e2e-'))
    files.land = makeLandscapeClip(dir, 3)
    files.port = makePortraitClip(dir, 2)
    files.phone = makeRotatedClip(dir, 2)
    files.logo = makeLogo(dir)
    browser = await launchChromium()
    const all = Object.values(files)
    engine = await openHarness(browser, `${inject('baseUrl')}${ENGINE}`, { files: all, pageErrors })
    preview = await openHarness(browser, `${inject('baseUrl')}${PREVIEW}`, {
      files: all,
      pageErrors,
    })
  })

  afterAll(async () => {
    await browser?.close()
    if (process.env.REELDESK_KEEP_E2E) return
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('draws every effect like ffmpeg', async () => {
    const score = await parity('effects', {
      version: 1,
      canvas: '1080x1920',
      clips: [
        clip('eq', 'land', 0, {
          effects: [
            { type: 'brightness', value: 0.05 },
            { type: 'contrast', value: 1.2 },
            { type: 'saturation', value: 1.3 },
          ],
        }),
        clip('temp', 'land', 400, { effects: [{ type: 'temperature', kelvin: 4000 }] }),
        clip('lut', 'land', 800, { effects: [{ type: 'lut', file: 'teal-orange.cube' }] }),
        clip('blur', 'land', 1200, { effects: [{ type: 'blur', radius: 6 }] }),
        clip('vig', 'port', 0, { effects: [{ type: 'vignette', angle: 0.6 }] }),
        clip('bw', 'port', 400, { effects: [{ type: 'blackAndWhite' }] }),
        clip('look', 'land', 1600, { effects: [{ type: 'preset', name: 'vintage' }] }),
      ],
    })
    expect(score).toBeGreaterThanOrEqual(MIN_SSIM)
  }, 240_000)

  it('draws transitions, text styles, an image, speed changes and a phone clip like ffmpeg', async () => {
    const score = await parity('edit', {
      version: 1,
      canvas: '1080x1920',
      clips: [
        clip('a', 'land', 0, { outMs: 800, transitionOut: { type: 'crossfade', durationMs: 300 } }),
        clip('b', 'port', 0, {
          outMs: 800,
          fit: 'fit',
          transitionOut: { type: 'slide', direction: 'up', durationMs: 300 },
        }),
        clip('fast', 'land', 1000, { outMs: 2000, speed: 2 }),
        clip('slow', 'land', 2000, { outMs: 2200, speed: 0.5 }),
        clip('phone', 'phone', 0, {
          outMs: 600,
          fit: 'crop',
          crop: { x: 0.1, y: 0.2, width: 0.8, height: 0.6 },
        }),
      ],
      texts: [
        {
          id: 't1',
          text: 'Outlined 50%',
          size: 96,
          outlineWidth: 6,
          color: '#ffee00',
          y: 0.2,
          startMs: 0,
          endMs: 1500,
        },
        { id: 't2', text: 'plain small', size: 40, x: 0.3, y: 0.8, startMs: 500, endMs: 2400 },
      ],
      images: [
        {
          id: 'i',
          mediaId: 'logo',
          x: 0.75,
          y: 0.1,
          width: 0.3,
          opacity: 0.7,
          startMs: 200,
          endMs: 2000,
        },
      ],
      // A whole-picture look, over the transitions too.
      effects: [{ type: 'preset', name: 'fade' }],
    })
    expect(score).toBeGreaterThanOrEqual(MIN_SSIM)
  }, 240_000)

  it('draws 60 fps and the other canvas sizes like ffmpeg', async () => {
    const sixty = await parity('720x1280@60', {
      version: 1,
      canvas: '720x1280',
      fps: 60,
      clips: [
        clip('a', 'land', 300, { outMs: 900, effects: [{ type: 'saturation', value: 1.2 }] }),
      ],
      texts: [{ id: 't', text: '60 fps', startMs: 0, endMs: 600 }],
    })
    const square = await parity('1080x1080', {
      version: 1,
      canvas: '1080x1080',
      clips: [clip('a', 'port', 300, { outMs: 900, fit: 'fit' })],
    })
    expect(sixty).toBeGreaterThanOrEqual(MIN_SSIM)
    expect(square).toBeGreaterThanOrEqual(MIN_SSIM)
  }, 240_000)

  it('shows emoji, ZWJ sequences, right-to-left and CJK text as the preview does, on both engines', async () => {
    const timeline = {
      version: 1,
      canvas: '1080x1920',
      clips: [clip('a', 'land', 0, { outMs: 1000 })],
      texts: [
        {
          id: 'sun',
          text: '5am club ☀️',
          size: 110,
          outlineWidth: 4,
          y: 0.15,
          startMs: 0,
          endMs: 1000,
        },
        { id: 'zwj', text: 'on it 👩🏽‍💻👨‍👩‍👧', size: 90, y: 0.3, startMs: 0, endMs: 1000 },
        { id: 'he', text: 'שלום עולם', size: 90, y: 0.45, startMs: 0, endMs: 1000 },
        { id: 'ar', text: 'مرحبا بالعالم', size: 90, y: 0.6, startMs: 0, endMs: 1000 },
        { id: 'cjk', text: '早上好，世界', size: 90, y: 0.75, startMs: 0, endMs: 1000 },
      ],
    }
    const spec: HarnessSpec = { media: media(), timeline }
    const frame = 15
    const loaded = await preview.evaluate(async (s) => window.__reeldeskPreviewTest?.load(s), spec)
    expect(loaded?.ok).toBe(true)
    const shown: PreviewHarnessOutcome | undefined = await preview.evaluate(
      async (at) => window.__reeldeskPreviewTest?.renderPng(at),
      (frame * 1000) / 30,
    )
    if (!shown?.ok) throw new Error(`preview failed: ${shown?.message ?? 'no harness'}`)
    const previewPng = path.join(dir, 'text-preview.png')
    writeFileSync(previewPng, Buffer.from(shown.png, 'base64'))

    // The sun after "5am club" is the colour emoji (yellow-orange), not an empty box.
    const sunBox = execFileSync('ffmpeg', [
      ...['-v', 'error', '-i', previewPng, '-vf', 'crop=360:180:620:200,format=rgb24'],
      ...['-f', 'rawvideo', '-'],
    ])
    expect(countWarm(sunBox)).toBeGreaterThan(500)

    for (const engineName of ['auto', 'ffmpeg'] as const) {
      const video = await exportWith(spec, engineName)
      const exported = extractFrame(video, frame, path.join(dir, `text-${engineName}.png`))
      const score = ssim(exported, previewPng)
      process.stdout.write(`exported frame vs preview frame, text (${engineName}): SSIM ${score}\n`)
      expect(score).toBeGreaterThanOrEqual(MIN_TEXT_SSIM)
    }
    expect(pageErrors).toEqual([])
  }, 240_000)
})

/** Pixels that are clearly yellow to orange (a sun), in packed RGB. */
function countWarm(rgb: Buffer): number {
  let count = 0
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const r = rgb[i] ?? 0
    const g = rgb[i + 1] ?? 0
    const b = rgb[i + 2] ?? 0
    if (r > 200 && g > 120 && b < 90) count++
  }
  return count
}
