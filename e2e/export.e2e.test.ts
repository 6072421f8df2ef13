import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { HarnessOutcome, HarnessSpec } from '../renderer/features/editor/engine/harness-api'
import { launchChromium } from './chromium'
import { openHarness } from './harness-page'
import { videoSsim } from './fixtures/frames'
import {
  ffprobe,
  nativeFfmpegFor,
  makeLandscapeClip,
  makeLogo,
  makeMpeg4Clip,
  makeMusic,
  makePortraitClip,
  makeTruncated,
  probeInfo,
  run,
} from './fixtures/media'
import { chromiumTreePssMb } from './fixtures/memory'

/**
 * The export engines end to end, in Chromium, on the built app served by the real server: the
 * WebCodecs engine (the preview's compositor, the browser's decoders and H.264 encoder, the sound
 * from ffmpeg.wasm) by default, ffmpeg.wasm (multi-thread core: the page is crossOriginIsolated)
 * as the fallback. Every MP4 is checked with native ffprobe. Skipped where native ffmpeg (the
 * fixture generator) is missing.
 */

const HARNESS = '/features/editor/engine/harness.html'
const FPS = 30
/** WebCodecs engine vs the x264 fallback on the same edit (two encoders, one picture). */
const FALLBACK_SSIM = 0.95
/** What a cancelled export may leave behind in the browser (caches, the loaded ffmpeg core). */
const CANCEL_LEFTOVER_MB = 150

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
      old: makeMpeg4Clip(dir, 1),
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
    if (process.env.REELDESK_KEEP_E2E) return
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('renders a real timeline with the WebCodecs engine to a 1080×1920 H.264 High/AAC MP4', async () => {
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true)
    const outcome = await exportVideo(spec)
    if (!outcome.ok) {
      const log = await page.evaluate(() => window.__reeldeskEngineTest?.takeLog() ?? [])
      throw new Error(
        `export failed: ${outcome.code}: ${outcome.message}\n${log.slice(-40).join('\n')}`,
      )
    }
    // The preview's compositor drew it and the browser encoded it: no fallback, no reason.
    expect(outcome).toMatchObject({ engine: 'webcodecs', fallbackReason: null })
    expect(outcome.videoEncoder).toBe('webcodecs')
    // The LUT clip (1 s) needs RGB: the canvas draws it; the eq-graded and plain clips (2 s),
    // text and logo included, go to the encoder as Y'CbCr planes.
    expect(outcome.stages?.compose?.paths).toEqual({
      planes: 2 * FPS,
      canvas: FPS,
      reasons: { 'colour needs RGB': FPS },
    })
    const output = path.join(dir, 'export.mp4')
    writeFileSync(output, Buffer.from(outcome.base64, 'base64'))

    const info = ffprobe(output, true)
    const video = info.streams.find((s) => s.codec_type === 'video')
    const audio = info.streams.find((s) => s.codec_type === 'audio')
    expect(video).toMatchObject({
      codec_name: 'h264',
      profile: 'High',
      width: 1080,
      height: 1920,
      r_frame_rate: `${FPS}/1`,
      color_space: 'bt709',
      color_transfer: 'bt709',
    })
    expect(video?.level).toBeGreaterThanOrEqual(40)
    // Constant frame rate on the exact grid: frame n is shown at n/30 s, every one of them.
    const times = run('ffprobe', [
      ...['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time'],
      ...['-of', 'csv=p=0', output],
    ])
      .trim()
      .split('\n')
      .map(Number)
      .sort((a, b) => a - b)
    expect(times).toHaveLength(3 * FPS)
    expect(times.every((t, n) => Math.abs(t - n / FPS) < 1e-6)).toBe(true)
    // Faststart: the index is in front of the media data.
    const head = readFileSync(output)
      .subarray(0, 64 * 1024)
      .toString('latin1')
    expect(head.indexOf('moov')).toBeGreaterThan(0)
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'))
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

  it('falls back to ffmpeg.wasm and x264 with the same picture, saying why', async () => {
    const outcome = await exportVideo({ ...spec, preset: 'veryfast' })
    if (!outcome.ok) throw new Error(`x264 export failed: ${outcome.code}: ${outcome.message}`)
    expect(outcome).toMatchObject({
      engine: 'ffmpeg',
      videoEncoder: 'x264',
      fallbackReason: 'you chose the x264 preset “veryfast”',
    })
    const output = path.join(dir, 'export-x264.mp4')
    writeFileSync(output, Buffer.from(outcome.base64, 'base64'))
    const video = ffprobe(output, true).streams.find((s) => s.codec_type === 'video')
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', width: 1080 })
    expect(Number(video?.nb_read_frames)).toBe(3 * FPS)
    // Frame n of each engine's file against frame n of the other: the same edit.
    const score = videoSsim(path.join(dir, 'export.mp4'), output)
    process.stdout.write(`WebCodecs engine vs ffmpeg.wasm fallback, SSIM: ${score}\n`)
    expect(score).toBeGreaterThanOrEqual(FALLBACK_SSIM)
  }, 120_000)

  it('falls back for a source the browser cannot decode and names it in the reason', async () => {
    const old: HarnessSpec = {
      media: { old: { file: 'old-camera.mp4', info: probeInfo(path.join(dir, 'old-camera.mp4')) } },
      timeline: {
        version: 1,
        canvas: '720x1280',
        clips: [{ id: 'o', mediaId: 'old', inMs: 0, outMs: 1000 }],
        texts: [{ id: 't', text: 'fallback ✓', startMs: 0, endMs: 1000 }],
      },
    }
    const outcome = await exportVideo(old)
    if (!outcome.ok) throw new Error(`fallback export failed: ${outcome.code}: ${outcome.message}`)
    expect(outcome.engine).toBe('ffmpeg')
    expect(outcome.fallbackReason).toMatch(
      /^“old-camera\.mp4” uses a video codec this browser cannot decode/,
    )
    const output = path.join(dir, 'export-old.mp4')
    writeFileSync(output, Buffer.from(outcome.base64, 'base64'))
    const video = ffprobe(output, true).streams.find((s) => s.codec_type === 'video')
    expect(video).toMatchObject({ codec_name: 'h264', width: 720, height: 1280 })
    expect(Number(video?.nb_read_frames)).toBe(FPS)
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

  it('cancels a running export promptly, frees its memory, and the next job still works', async () => {
    const before = chromiumTreePssMb()
    let peak = before
    const poll = setInterval(() => (peak = Math.max(peak, chromiumTreePssMb())), 100)
    const outcome = await exportVideo({ ...spec, cancelAtFraction: 0.3 }).finally(() =>
      clearInterval(poll),
    )
    expect(outcome).toMatchObject({ ok: false, code: 'cancelled' })
    // The three workers (decoders, frames, encoder) end with the job: memory goes back down.
    // How soon their processes' pages are returned depends on the machine's load, so wait for
    // it (up to 20 s) rather than reading once after a fixed pause.
    let after = chromiumTreePssMb()
    await expect
      .poll(() => (after = chromiumTreePssMb()) - before, { timeout: 30_000, interval: 250 })
      .toBeLessThan(CANCEL_LEFTOVER_MB)
    process.stdout.write(
      `cancel: browser PSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB after\n`,
    )
    const next = await cover(spec, 2500)
    expect(next.ok).toBe(true)
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
