import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { HarnessOutcome, HarnessSpec } from '../renderer/features/editor/engine/harness-api'
import { launchChromium } from './chromium'
import { openHarness } from './harness-page'
import {
  ffprobe,
  nativeFfmpegFor,
  makeLandscapeClip,
  makeLogo,
  makeMusic,
  makePortraitClip,
  makeTruncated,
  probeInfo,
  run,
} from './fixtures/media'

/**
 * The export engine end to end: ffmpeg.wasm (multi-thread core, the page is crossOriginIsolated)
 * in its worker, in Chromium, on the built app served by the real server; the MP4 is checked
 * with native ffprobe. Skipped where native ffmpeg (the fixture generator) is missing.
 */

const HARNESS = '/features/editor/engine/harness.html'
const FPS = 30

let dir = ''
let browser: Browser
let page: Page
const pageErrors: string[] = []
let spec: HarnessSpec

/** trim, a split (two adjacent clips from one source), text, effects, a logo and music: 3 s. */
function referenceSpec(files: Record<string, string>): HarnessSpec {
  const media = (file: string) => ({ file: path.basename(file), info: probeInfo(file) })
  return {
    media: {
      land: media(files.landscape ?? ''),
      port: media(files.portrait ?? ''),
      logo: media(files.logo ?? ''),
      music: media(files.music ?? ''),
    },
    timeline: {
      version: 1,
      canvas: '1080x1920',
      fps: FPS,
      clips: [
        // The split: one trimmed source range cut in two, the second half brighter.
        {
          id: 'a1',
          mediaId: 'land',
          inMs: 500,
          outMs: 1500,
          effects: [{ type: 'lut', file: 'warm.cube' }],
        },
        {
          id: 'a2',
          mediaId: 'land',
          inMs: 1500,
          outMs: 2500,
          effects: [{ type: 'brightness', value: 0.05 }],
        },
        { id: 'b', mediaId: 'port', inMs: 200, outMs: 1200, fit: 'fit' },
      ],
      texts: [
        {
          id: 't',
          text: "Reeldesk: it's 50% off",
          font: 'Inter-Bold.otf',
          size: 80,
          outlineWidth: 4,
          y: 0.2,
          startMs: 0,
          endMs: 2000,
        },
      ],
      images: [
        { id: 'logo', mediaId: 'logo', x: 0.8, y: 0.08, width: 0.25, startMs: 500, endMs: 3000 },
      ],
      effects: [{ type: 'preset', name: 'vivid' }],
      audio: {
        music: { mediaId: 'music', volume: 0.5, fadeInMs: 300, fadeOutMs: 500 },
        originalVolume: 0.8,
      },
    },
  }
}

/** Calls the harness page's API (plain evaluate: the page's CSP allows no eval inside it). */
function exportVideo(s: HarnessSpec): Promise<HarnessOutcome> {
  return page.evaluate(async (x) => {
    const api = window.__reeldeskEngineTest
    if (!api) throw new Error('harness not loaded')
    return api.exportVideo(x)
  }, s)
}

function cover(s: HarnessSpec, atMs: number): Promise<HarnessOutcome> {
  return page.evaluate(
    async ({ x, at }) => {
      const api = window.__reeldeskEngineTest
      if (!api) throw new Error('harness not loaded')
      return api.cover(x, at)
    },
    { x: s, at: atMs },
  )
}

const hasFfmpeg = nativeFfmpegFor('The "export engine in Chromium (ffmpeg.wasm)" suite')
describe.skipIf(!hasFfmpeg)('export engine in Chromium (ffmpeg.wasm)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-export-e2e-'))
    const landscape = makeLandscapeClip(dir, 3)
    const files = {
      landscape,
      portrait: makePortraitClip(dir, 2),
      logo: makeLogo(dir),
      music: makeMusic(dir, 4),
      broken: makeTruncated(landscape, dir),
    }
    spec = referenceSpec(files)
    browser = await launchChromium()
    page = await openHarness(browser, `${inject('baseUrl')}${HARNESS}`, {
      files: Object.values(files),
      pageErrors,
    })
  })

  afterAll(async () => {
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('renders a real timeline to a 1080×1920 H.264/AAC MP4 of the timeline length', async () => {
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true)
    const outcome = await exportVideo(spec)
    if (!outcome.ok) {
      const log = await page.evaluate(() => window.__reeldeskEngineTest?.takeLog() ?? [])
      throw new Error(
        `export failed: ${outcome.code}: ${outcome.message}\n${log.slice(-40).join('\n')}`,
      )
    }
    expect(outcome.multiThread).toBe(true)
    // Chromium has an H.264 encoder: ffmpeg.wasm renders raw frames and WebCodecs encodes them.
    expect(outcome.videoEncoder).toBe('webcodecs')
    const output = path.join(dir, 'export.mp4')
    writeFileSync(output, Buffer.from(outcome.base64, 'base64'))

    const info = ffprobe(output, true)
    const video = info.streams.find((s) => s.codec_type === 'video')
    const audio = info.streams.find((s) => s.codec_type === 'audio')
    expect(video).toMatchObject({
      codec_name: 'h264',
      width: 1080,
      height: 1920,
      r_frame_rate: `${FPS}/1`,
    })
    expect(video?.level).toBeGreaterThanOrEqual(40)
    expect(Number(video?.nb_read_frames)).toBe(3 * FPS)
    expect(Math.abs(Number(info.format.duration) - 3)).toBeLessThanOrEqual(1 / FPS)
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 })
    expect(Math.abs(Number(audio?.duration) - 3)).toBeLessThanOrEqual(1 / FPS)

    // Progress went from loading through rendering to done, never backwards, with an ETA.
    const fractions = outcome.progress.map((p) => p.fraction)
    expect(fractions[0]).toBe(0)
    expect(fractions.at(-1)).toBe(1)
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] ?? 0))).toBe(true)
    expect(outcome.progress.some((p) => p.phase === 'rendering' && p.fraction > 0)).toBe(true)
    expect(outcome.progress.some((p) => p.phase === 'rendering' && p.etaMs !== null)).toBe(true)
  }, 120_000)

  it('falls back to x264 in ffmpeg.wasm with the same picture', async () => {
    await page.evaluate(() => window.__reeldeskEngineTest?.reset({ videoEncoder: 'x264' }))
    try {
      const outcome = await exportVideo(spec)
      if (!outcome.ok) throw new Error(`x264 export failed: ${outcome.code}: ${outcome.message}`)
      expect(outcome.videoEncoder).toBe('x264')
      const output = path.join(dir, 'export-x264.mp4')
      writeFileSync(output, Buffer.from(outcome.base64, 'base64'))
      const video = ffprobe(output, true).streams.find((s) => s.codec_type === 'video')
      expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', width: 1080 })
      expect(Number(video?.nb_read_frames)).toBe(3 * FPS)
      // Frame n of each encoder's file against frame n of the other: the same edit.
      const log = run(
        'ffmpeg',
        [
          ...['-hide_banner', '-i', path.join(dir, 'export.mp4'), '-i', output, '-lavfi'],
          ...['[0:v]setpts=N[a];[1:v]setpts=N[b];[a][b]ssim', '-f', 'null', '-'],
        ],
        { withStderr: true },
      )
      expect(Number(/All:([\d.]+)/.exec(log)?.[1])).toBeGreaterThan(0.95)
    } finally {
      await page.evaluate(() => window.__reeldeskEngineTest?.reset())
    }
  }, 120_000)

  it('renders the cover frame as a 1080×1920 JPEG', async () => {
    const outcome = await cover(spec, 1500)
    if (!outcome.ok) throw new Error(`cover failed: ${outcome.code}: ${outcome.message}`)
    const output = path.join(dir, 'cover.jpg')
    writeFileSync(output, Buffer.from(outcome.base64, 'base64'))
    expect(ffprobe(output).streams[0]).toMatchObject({
      codec_name: 'mjpeg',
      width: 1080,
      height: 1920,
    })
  })

  it('fails a damaged input with a message naming the file, and keeps working', async () => {
    const bad: HarnessSpec = {
      ...spec,
      media: {
        ...spec.media,
        port: { file: 'broken.mp4', info: spec.media.port?.info ?? probeInfo('') },
      },
    }
    const outcome = await exportVideo(bad)
    expect(outcome).toMatchObject({ ok: false, code: 'invalid-input' })
    if (outcome.ok) return
    expect(outcome.message).toContain('"broken.mp4" cannot be read')
    // The engine starts a fresh worker for the next job.
    const after = await cover(spec, 500)
    expect(after.ok).toBe(true)
  })

  it('names a font that is not shipped instead of failing inside ffmpeg', async () => {
    const timeline = spec.timeline as { texts: object[] }
    const bad = {
      ...spec,
      timeline: { ...timeline, texts: [{ ...timeline.texts[0], font: 'Nope.ttf' }] },
    }
    const outcome = await exportVideo(bad)
    expect(outcome).toMatchObject({ ok: false, code: 'missing-resource' })
    if (!outcome.ok) expect(outcome.message).toContain('"Nope.ttf"')
  })

  it('cancels a running export promptly, and the next job still works', async () => {
    const outcome = await exportVideo({ ...spec, cancelAtFraction: 0.1 })
    expect(outcome).toMatchObject({ ok: false, code: 'cancelled' })
    const after = await cover(spec, 2500)
    expect(after.ok).toBe(true)
  }, 90_000)

  it('runs on the single-thread core too (pages that are not crossOriginIsolated)', async () => {
    await page.evaluate(() => window.__reeldeskEngineTest?.reset({ multiThread: false }))
    const short: HarnessSpec = {
      media: spec.media,
      preset: 'ultrafast',
      timeline: {
        version: 1,
        canvas: '720x1280',
        clips: [{ id: 'b', mediaId: 'port', inMs: 0, outMs: 500 }],
        texts: [{ id: 't', text: 'ST', font: 'Inter-Bold.otf', startMs: 0, endMs: 500 }],
      },
    }
    const outcome = await exportVideo(short)
    expect(outcome).toMatchObject({ ok: true, multiThread: false })
    await page.evaluate(() => window.__reeldeskEngineTest?.reset())
    expect(pageErrors).toEqual([])
  })
})
