import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type {
  PreviewHarnessOutcome,
  PreviewHarnessSpec,
} from '../renderer/features/editor/preview/harness-api'
import { compileFfmpeg, parseTimeline, type MediaInfoMap } from '../shared/timeline'
import { launchChromium } from './chromium'
import { openHarness } from './harness-page'
import { extractFrame, pictureSize, ssim } from './fixtures/frames'
import {
  nativeFfmpegFor,
  makeLandscapeClip,
  makePortraitClip,
  probeInfo,
  run,
} from './fixtures/media'

/**
 * Preview/export parity: the preview compositor (mediabunny + canvas 2D in its worker, in
 * Chromium) must draw the frame the export renders. The reference is native ffmpeg running the
 * compiler's exact argument list (the same list ffmpeg.wasm runs, DESIGN §4), and the two frames
 * are compared with ffmpeg's SSIM (on BT.709 Y'CbCr; see fixtures/frames.ts).
 */

const HARNESS = '/features/editor/preview/harness.html'
const ROOT = path.resolve(import.meta.dirname, '..')
const FPS = 30
const MIN_SSIM = 0.9

let dir = ''
let browser: Browser
let page: Page
const pageErrors: string[] = []
const files: Record<string, string> = {}

const text = {
  id: 't',
  text: 'Parity 50%',
  size: 96,
  outlineWidth: 5,
  color: '#ffee00',
  y: 0.25,
  startMs: 0,
  endMs: 3000,
}

/** A crop-framed, colour-graded clip with a text overlay. */
const gradedTimeline = {
  version: 1,
  canvas: '1080x1920',
  fps: FPS,
  clips: [
    {
      id: 'c',
      mediaId: 'land',
      inMs: 300,
      outMs: 2300,
      fit: 'crop',
      crop: { x: 0.3, y: 0.05, width: 0.4, height: 0.9 },
      effects: [
        { type: 'brightness', value: 0.06 },
        { type: 'contrast', value: 1.25 },
        { type: 'saturation', value: 1.5 },
      ],
    },
  ],
  texts: [text],
}

/** Landscape (filled) cross-fading into portrait (fit) over 1 s. */
const crossfadeTimeline = {
  version: 1,
  canvas: '1080x1920',
  fps: FPS,
  clips: [
    {
      id: 'a',
      mediaId: 'land',
      inMs: 0,
      outMs: 2000,
      transitionOut: { type: 'crossfade', durationMs: 1000 },
    },
    { id: 'b', mediaId: 'port', inMs: 200, outMs: 1700, fit: 'fit', scale: 0.9 },
  ],
}

function spec(timeline: unknown): PreviewHarnessSpec {
  const media = (file: string) => ({ file: path.basename(file), info: probeInfo(file) })
  return { timeline, media: { land: media(files.land ?? ''), port: media(files.port ?? '') } }
}

/** The export's frame `frame`, rendered by native ffmpeg from the compiled arguments. */
function exportFrame(timeline: unknown, frame: number, name: string): string {
  const media: MediaInfoMap = Object.fromEntries(
    Object.entries(spec(timeline).media).map(([id, m]) => [
      id,
      { ...m.info, fileName: path.join(dir, m.file) },
    ]),
  )
  const output = path.join(dir, `${name}.mp4`)
  const args = compileFfmpeg(parseTimeline(timeline), media, {
    fontDir: path.join(ROOT, 'resources/fonts'),
    lutDir: path.join(ROOT, 'resources/luts'),
    preset: 'ultrafast',
    outputFileName: output,
  })
  run('ffmpeg', args)
  return extractFrame(output, frame, path.join(dir, `${name}-export.png`))
}

async function loadPreview(
  timeline: unknown,
  options: { scale?: number; keepFrames?: boolean } = {},
): Promise<void> {
  const loaded = await page.evaluate(
    async ([s, o]) => {
      const api = window.__reeldeskPreviewTest
      if (!api) throw new Error('harness not loaded')
      return api.load(s, o)
    },
    [spec(timeline), options] as const,
  )
  if (!loaded.ok) throw new Error(`preview load failed: ${loaded.message ?? ''}`)
}

async function previewFrame(
  timeline: unknown,
  frame: number,
  name: string,
  options: { load?: boolean; kept?: boolean } = {},
): Promise<string> {
  if (options.load !== false) await loadPreview(timeline)
  const png = path.join(dir, `${name}-preview.png`)
  const outcome = await renderFrame(frame)
  expect(outcome.frame).toBe(frame)
  if (options.kept !== undefined) expect(outcome.kept).toBe(options.kept)
  writeFileSync(png, Buffer.from(outcome.png, 'base64'))
  return png
}

async function renderFrame(frame: number) {
  const outcome: PreviewHarnessOutcome = await page.evaluate(
    async (at) => {
      const api = window.__reeldeskPreviewTest
      if (!api) throw new Error('harness not loaded')
      return api.renderPng(at)
    },
    (frame * 1000) / FPS,
  )
  if (!outcome.ok) throw new Error(`preview render failed: ${outcome.message}`)
  return outcome
}

const hasFfmpeg = nativeFfmpegFor(
  'The "preview compositor parity with the export (Chromium)" suite',
)
describe.skipIf(!hasFfmpeg)('preview compositor parity with the export (Chromium)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-preview-e2e-'))
    files.land = makeLandscapeClip(dir, 3)
    files.port = makePortraitClip(dir, 2)
    browser = await launchChromium()
    page = await openHarness(browser, `${inject('baseUrl')}${HARNESS}`, {
      files: Object.values(files),
      pageErrors,
    })
  })

  afterAll(async () => {
    await browser?.close()
    if (process.env.REELDESK_KEEP_E2E) return
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('draws a cropped, graded clip with text like the export (SSIM ≥ 0.9)', async () => {
    const frame = 27
    const reference = exportFrame(gradedTimeline, frame, 'graded')
    const preview = await previewFrame(gradedTimeline, frame, 'graded')
    expect(pictureSize(preview)).toEqual({ width: 1080, height: 1920 })
    const score = ssim(preview, reference)
    const rgb = ssim(preview, reference, 'rgb')
    process.stdout.write(
      `preview parity SSIM (crop + eq + text, frame ${frame}): ${score} (RGB planes: ${rgb})\n`,
    )
    expect(score).toBeGreaterThanOrEqual(MIN_SSIM)
  }, 120_000)

  it('draws a frame inside a crossfade like the export', async () => {
    // The overlap is frames 30–59; frame 45 is half-way.
    const frame = 45
    const reference = exportFrame(crossfadeTimeline, frame, 'crossfade')
    const preview = await previewFrame(crossfadeTimeline, frame, 'crossfade')
    const score = ssim(preview, reference)
    const rgb = ssim(preview, reference, 'rgb')
    process.stdout.write(
      `preview parity SSIM (crossfade, frame ${frame}): ${score} (RGB planes: ${rgb})\n`,
    )
    expect(score).toBeGreaterThanOrEqual(MIN_SSIM)
    expect(pageErrors).toEqual([])
  }, 120_000)

  it('shows the same frame when scrubbing back over frames it kept as when it decodes afresh', async () => {
    // 20 decodes from the keyframe at 0 (GOP 30), 28 reads on; 12 is then among the kept frames.
    await loadPreview(gradedTimeline)
    for (const frame of [20, 28]) {
      await previewFrame(gradedTimeline, frame, `scrub-${frame}`, { load: false })
    }
    const kept = await previewFrame(gradedTimeline, 12, 'scrub-12-kept', { load: false })
    const fresh = await previewFrame(gradedTimeline, 12, 'scrub-12-fresh')
    const neighbour = await previewFrame(gradedTimeline, 13, 'scrub-13-fresh')
    const same = ssim(kept, fresh)
    process.stdout.write(
      `scrub back: kept vs fresh frame 12 SSIM ${same}, vs frame 13 ${ssim(kept, neighbour)}\n`,
    )
    expect(same).toBeGreaterThanOrEqual(0.999)
    expect(ssim(kept, neighbour)).toBeLessThan(same)
  }, 120_000)

  it('shows a frame decoded ahead at the preview size like the same frame decoded on a seek', async () => {
    // The editor's size (scale 0.5): the filled landscape clip is drawn at 0.89 of its 608×1080
    // part, which the worker keeps while idle (frame-cache.ts); decoding on demand is the reference.
    await loadPreview(crossfadeTimeline, { scale: 0.5, keepFrames: false })
    const fresh = await previewFrame(crossfadeTimeline, 20, 'ahead-20-fresh', {
      load: false,
      kept: false,
    })
    const next = await previewFrame(crossfadeTimeline, 21, 'ahead-21-fresh', {
      load: false,
      kept: false,
    })
    await loadPreview(crossfadeTimeline, { scale: 0.5 })
    // Until the worker has decoded that far ahead, the frame is decoded as before.
    await expect
      .poll(async () => (await renderFrame(20)).kept, { timeout: 60_000, interval: 200 })
      .toBe(true)
    const kept = await previewFrame(crossfadeTimeline, 20, 'ahead-20-kept', {
      load: false,
      kept: true,
    })
    expect(pictureSize(kept)).toEqual({ width: 540, height: 960 })
    const same = ssim(kept, fresh)
    process.stdout.write(
      `decoded ahead vs on a seek, frame 20 SSIM ${same}, vs frame 21 ${ssim(kept, next)}\n`,
    )
    expect(same).toBeGreaterThanOrEqual(0.98)
    expect(ssim(kept, next)).toBeLessThan(same)
    expect(pageErrors).toEqual([])
  }, 120_000)
})
