import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserContext, CDPSession, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { HarnessOutcome, HarnessSpec } from '../renderer/features/editor/engine/harness-api'
import { launchChromiumOnDisk } from './chromium'
import { openHarness } from './harness-page'
import { ffprobe, nativeFfmpegFor, probeInfo, run } from './fixtures/media'
import { chromiumTreePssMb } from './fixtures/memory'

/**
 * The WebCodecs export's memory does not grow with the video's length: the same edit (one clip
 * of a long source held for the whole length, a caption over all of it, the clip's own sound)
 * made 10 seconds and LONG minutes long, exported one after the other in one page, with the
 * peak memory sampled the same way during each (the browser's whole process tree's PSS from
 * /proc, and the page's JS heap from CDP). Frames in flight are bounded by credits and the MP4
 * is written to the private file system as it is made, so the difference must stay within
 * 100 MB (the issue's figure). The smallest canvas the app offers (720×1280) and a small source
 * keep the frames cheap. One clip is held rather than many repeated: the sound's ffmpeg.wasm
 * graph opens one input per clip, which costs memory per clip (about 1.6 MB each), not per
 * minute.
 *
 * The page runs with a profile on disk, as the desktop app does: Playwright's default context is
 * off the record, where the private file system the MP4 is written to lives in the browser
 * process's memory (+85 MB for the 10-minute file, measured). Each export worker asks for a
 * full garbage collection every 5 s of video (collect-garbage.ts; the app's renderer and this
 * Chromium run with --expose-gc): without it the long export's peak was +207 MB, the workers'
 * garbage (closed frames' wrappers, chunk buffers) piling up between V8's own collections.
 *
 * Opt-in, for a stated reason: REELDESK_E2E_LONG_MINUTES=10 runs the issue's 10 minutes (2 for a
 * quicker look); the 10-minute export takes 2.5 minutes here, too long for every run of the
 * suite.
 */

const HARNESS = '/features/editor/engine/harness.html'
const FPS = 30
const SHORT_S = 10
const LONG_MINUTES = Number(process.env.REELDESK_E2E_LONG_MINUTES ?? 0)
const LONG_S = Math.round(LONG_MINUTES * 60)
/** The bound: a 10-minute export's peak within 100 MB of a 10-second export's. */
const GROWTH_LIMIT_MB = 100

let dir = ''
let browser: BrowserContext
let page: Page
let cdp: CDPSession
const pageErrors: string[] = []
let media: HarnessSpec['media'] = {}

/** `seconds` of the source in one clip, one caption over all of it, the clip's sound. */
function editOf(seconds: number): HarnessSpec {
  return {
    media,
    keepOutput: true,
    timeline: {
      version: 1,
      canvas: '720x1280',
      fps: FPS,
      clips: [
        {
          id: 'c',
          mediaId: 'clip',
          inMs: 0,
          outMs: seconds * 1000,
          effects: [{ type: 'saturation', value: 1.2 }],
        },
      ],
      texts: [
        { id: 't', text: 'Long export', size: 60, y: 0.15, startMs: 0, endMs: seconds * 1000 },
      ],
      audio: { originalVolume: 1 },
    },
  }
}

interface Measured {
  readonly outcome: HarnessOutcome
  /** Browser process tree's PSS, MB: before the export and its peak during it. */
  readonly pssBefore: number
  readonly pssPeak: number
  /** The page's JS heap in use, MB (CDP Performance.getMetrics). */
  readonly heapPeak: number
}

async function jsHeapMb(): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20
}

/** One export, with memory sampled every 250 ms while it runs. */
async function measuredExport(spec: HarnessSpec): Promise<Measured> {
  const pssBefore = chromiumTreePssMb()
  let pssPeak = pssBefore
  let heapPeak = await jsHeapMb()
  let sampling = Promise.resolve()
  const poll = setInterval(() => {
    pssPeak = Math.max(pssPeak, chromiumTreePssMb())
    sampling = sampling
      .then(jsHeapMb)
      .then((mb) => void (heapPeak = Math.max(heapPeak, mb)))
      .catch(() => undefined)
  }, 250)
  const outcome = await page
    .evaluate(async (s) => {
      const api = window.__reeldeskEngineTest
      if (!api) throw new Error('harness not loaded')
      return api.exportVideo(s)
    }, spec)
    .finally(() => clearInterval(poll))
  await sampling
  return { outcome, pssBefore, pssPeak, heapPeak }
}

/** The page's kept MP4, copied out in 8 MB pieces. */
async function saveOutput(file: string): Promise<void> {
  writeFileSync(file, '')
  const piece = 8 * 2 ** 20
  for (let offset = 0; ; offset += piece) {
    const base64 = await page.evaluate(
      ({ at, length }) => window.__reeldeskEngineTest?.outputChunk(at, length) ?? '',
      { at: offset, length: piece },
    )
    if (!base64) return
    appendFileSync(file, Buffer.from(base64, 'base64'))
  }
}

function packetTimes(file: string): number[] {
  return run('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time'],
    ...['-of', 'csv=p=0', file],
  ])
    .trim()
    .split('\n')
    .map(Number)
    .sort((a, b) => a - b)
}

const hasFfmpeg = nativeFfmpegFor('The "export memory" suite')
describe.skipIf(!hasFfmpeg || !(LONG_MINUTES > 0))(
  'export memory: a long export against 10 seconds (opt-in: REELDESK_E2E_LONG_MINUTES)',
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-export-memory-'))
      const clip = path.join(dir, 'clip.mp4')
      // A small moving picture (10 fps: cheap to make and decode) with stereo sound.
      const d = LONG_S + 1
      run('ffmpeg', [
        ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=160x284:r=10:d=${d}`],
        ...['-f', 'lavfi', '-i', `sine=f=440:r=48000:d=${d}`, '-c:v', 'libx264', '-preset'],
        ...['ultrafast', '-pix_fmt', 'yuv420p', '-g', '30', '-c:a', 'aac', '-ac', '2', clip],
      ])
      media = { clip: { file: 'clip.mp4', info: probeInfo(clip) } }
      browser = await launchChromiumOnDisk(path.join(dir, 'profile'))
      page = await openHarness(browser, `${inject('baseUrl')}${HARNESS}`, {
        files: [clip],
        pageErrors,
      })
      cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
    })

    afterAll(async () => {
      await browser?.close()
      if (process.env.REELDESK_KEEP_E2E) return
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('peaks within 100 MB of the 10-second export and writes every frame on the grid', async () => {
      const short = await measuredExport(editOf(SHORT_S))
      if (!short.outcome.ok) throw new Error(`10 s export failed: ${short.outcome.message}`)
      const long = await measuredExport(editOf(LONG_S))
      if (!long.outcome.ok) throw new Error(`10 min export failed: ${long.outcome.message}`)
      expect(long.outcome).toMatchObject({ engine: 'webcodecs', fallbackReason: null })
      const output = path.join(dir, 'long.mp4')
      await saveOutput(output)
      process.stdout.write(
        `memory: ${SHORT_S} s export peaks at ${short.pssPeak.toFixed(0)} MB browser PSS ` +
          `(${short.pssBefore.toFixed(0)} before, JS heap ${short.heapPeak.toFixed(0)} MB) in ` +
          `${(short.outcome.elapsedMs / 1000).toFixed(1)} s; ${(LONG_S / 60).toFixed(1)} min at ` +
          `${long.pssPeak.toFixed(0)} MB (${long.pssBefore.toFixed(0)} before, JS heap ` +
          `${long.heapPeak.toFixed(0)} MB) in ${(long.outcome.elapsedMs / 1000).toFixed(1)} s, ` +
          `${(long.outcome.bytes / 2 ** 20).toFixed(1)} MB file\n`,
      )
      expect(long.pssPeak - short.pssPeak).toBeLessThanOrEqual(GROWTH_LIMIT_MB)
      expect(long.heapPeak - short.heapPeak).toBeLessThanOrEqual(GROWTH_LIMIT_MB)

      // The whole file: 10 minutes of picture and sound, every frame at n/30 s (no drift).
      const info = ffprobe(output)
      const video = info.streams.find((s) => s.codec_type === 'video')
      const audio = info.streams.find((s) => s.codec_type === 'audio')
      expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', width: 720, height: 1280 })
      expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 })
      expect(Math.abs(Number(info.format.duration) - LONG_S)).toBeLessThanOrEqual(1 / FPS)
      expect(Math.abs(Number(audio?.duration) - LONG_S)).toBeLessThanOrEqual(1 / FPS)
      const times = packetTimes(output)
      expect(times).toHaveLength(LONG_S * FPS)
      expect(times.every((t, n) => Math.abs(t - n / FPS) < 1e-6)).toBe(true)
      expect(pageErrors).toEqual([])
    }, 1_800_000)
  },
)
