import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { HarnessOutcome, HarnessSpec } from '../renderer/features/editor/engine/harness-api'
import type { TimelineInput } from '../shared/timeline/model'
import { launchChromium } from './chromium'
import { extractFrame, ssim } from './fixtures/frames'
import { openHarness } from './harness-page'
import {
  ffprobe,
  makeLandscapeClip,
  makePortraitClip,
  nativeFfmpegFor,
  probeInfo,
  run,
} from './fixtures/media'

/**
 * The sound of overlay-track videos in the export, both engines: the main clip is muted, so the
 * only sound is the overlay's, and it must be there exactly in the overlay's window (measured by
 * native ffmpeg's volumedetect on the exported file) — at its speed, cut where the video ends.
 */

const HARNESS = '/features/editor/engine/harness.html'
/** volumedetect of digital silence is -91 dB; the fixtures' tones are around -20 dB. */
const SILENT_DB = -70
const HEARD_DB = -40
/** The two engines' frames of one edit (as e2e/export.e2e.test.ts's fallback check). */
const SAME_PICTURE_SSIM = 0.95

let dir = ''
let browser: Browser
let page: Page
const pageErrors: string[] = []
let spec: HarnessSpec

/** A muted 3 s main clip; 1.6 s of source at 2× from 1 s on track 1: heard 1.0–1.8 s only. */
const timeline = (overlayMuted: boolean): TimelineInput => ({
  version: 2,
  canvas: '720x1280',
  fps: 30,
  clips: [{ id: 'c', mediaId: 'main', inMs: 0, outMs: 3000, muted: true }],
  overlays: [
    {
      id: 'o',
      mediaId: 'broll',
      startMs: 1000,
      inMs: 200,
      outMs: 1800,
      speed: 2,
      muted: overlayMuted,
    },
  ],
})

function exportVideo(s: HarnessSpec): Promise<HarnessOutcome> {
  return page.evaluate(async (x) => {
    const api = window.__reeldeskEngineTest
    if (!api) throw new Error('harness not loaded')
    return api.exportVideo(x)
  }, s)
}

/** Mean and peak level (dB) of the file's sound from `fromS` for `lengthS` seconds. */
function levels(file: string, fromS: number, lengthS: number) {
  const out = run(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostats', '-ss', String(fromS), '-t', String(lengthS), '-i', file],
      ...['-vn', '-af', 'volumedetect', '-f', 'null', '-'],
    ],
    { withStderr: true },
  )
  const db = (name: string) => Number(new RegExp(`${name}: (-?[\\d.]+|-inf) dB`).exec(out)?.[1])
  return { mean: db('mean_volume'), max: db('max_volume') }
}

async function exportTo(s: HarnessSpec, name: string): Promise<string> {
  const outcome = await exportVideo(s)
  if (!outcome.ok) throw new Error(`export failed: ${outcome.code}: ${outcome.message}`)
  const output = path.join(dir, name)
  writeFileSync(output, Buffer.from(outcome.base64, 'base64'))
  expect(ffprobe(output).streams.find((x) => x.codec_type === 'audio')).toMatchObject({
    codec_name: 'aac',
    sample_rate: '48000',
    channels: 2,
  })
  return output
}

const hasFfmpeg = nativeFfmpegFor('The "overlay sound in the export" suite')
describe.skipIf(!hasFfmpeg)('overlay sound in the export', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-export-sound-e2e-'))
    const files = { main: makeLandscapeClip(dir, 3), broll: makePortraitClip(dir, 2) }
    const media = (file: string) => ({ file: path.basename(file), info: probeInfo(file) })
    spec = {
      media: { main: media(files.main), broll: media(files.broll) },
      timeline: timeline(false),
    }
    browser = await launchChromium()
    page = await openHarness(browser, `${inject('baseUrl')}${HARNESS}`, {
      files: Object.values(files),
      pageErrors,
    })
  })

  afterAll(async () => {
    await browser?.close()
    if (dir && !process.env.REELDESK_KEEP_E2E) rmSync(dir, { recursive: true, force: true })
  })

  const checkWindow = (file: string) => {
    const before = levels(file, 0.1, 0.8)
    const during = levels(file, 1.1, 0.6)
    const after = levels(file, 2.0, 0.9)
    process.stdout.write(
      `${path.basename(file)}: before ${before.max} dB, during ${during.mean} dB, after ${after.max} dB\n`,
    )
    expect(before.max).toBeLessThan(SILENT_DB)
    expect(during.mean).toBeGreaterThan(HEARD_DB)
    expect(after.max).toBeLessThan(SILENT_DB)
  }

  it('the WebCodecs engine mixes the overlay video’s sound in its window', async () => {
    checkWindow(await exportTo(spec, 'webcodecs.mp4'))
    expect(pageErrors).toEqual([])
  }, 120_000)

  it('the ffmpeg.wasm fallback mixes it the same way, the picture matches, a muted overlay is silent', async () => {
    const x264 = await exportTo({ ...spec, preset: 'ultrafast' }, 'x264.mp4')
    checkWindow(x264)
    // The overlay's picture is there too in the WebCodecs engine's file: frame 42 (1.4 s) of both.
    const frame = (file: string) => extractFrame(file, 42, `${file}.png`)
    const score = ssim(frame(path.join(dir, 'webcodecs.mp4')), frame(x264))
    process.stdout.write(`overlay frame, WebCodecs vs ffmpeg.wasm: SSIM ${score}\n`)
    expect(score).toBeGreaterThanOrEqual(SAME_PICTURE_SSIM)
    const muted = await exportTo({ ...spec, timeline: timeline(true) }, 'muted.mp4')
    expect(levels(muted, 0, 3).max).toBeLessThan(SILENT_DB)
  }, 180_000)
})
