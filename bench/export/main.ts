// Export benchmark: the app's export in Chromium against native ffmpeg + x264 on the same edit,
// measured in the same run (this 2-core machine's speed varies 2× hour to hour; judge by ratios).
//   npm run bench:export                 (BENCH_VERBOSE=1 prints the compiled arguments)
//   BENCH_LONG_MINUTES=10 npm run bench:export   also: peak memory, 10 s vs N minutes
//   BENCH_SKIP=fallback,heavy,preview npm run bench:export   leaves those parts out (null in the JSON)
//   BENCH_QUALITY=smaller|balanced|best npm run bench:export   the app's quality setting (default: the app's)
//   BENCH_SKIP=encoder   leaves out the browser's H.264 encoder timed alone on synthetic frames
//   BENCH_ROUNDS=n   app and native alternate n times on the reference edit (default 3; medians)
// Native ffmpeg/ffprobe and Debian's chromium are test tools here, never app dependencies.
// The last line of output is one JSON object.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { HarnessSpec, HarnessStages } from '../../renderer/features/editor/engine/harness-api'
import { avcCodecString } from '../../renderer/features/editor/engine/encode-protocol'
import {
  DEFAULT_QUALITY,
  videoBitrate,
} from '../../renderer/features/editor/engine/webcodecs/quality'
import { RENDERER_JS_FLAGS } from '../../shared/renderer-flags'
import { h264Level } from '../../shared/timeline/h264-level'
import { previewScale } from '../../renderer/features/editor/preview/preview-scale'
import { videoSsim } from '../../e2e/fixtures/frames'
import { ffprobe, makeLogo, run } from '../../e2e/fixtures/media'
import { chromiumTreePssMb } from '../../e2e/fixtures/memory'
import { nativeArgs, type ExportPlan } from '../../e2e/fixtures/native-plan'
import { startServer } from './server'

const FPS = 30
const DURATION_S = 10
const ENGINE = '/features/editor/engine/harness.html'
const PREVIEW = '/features/editor/preview/harness.html'
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** The compositor's pictures near-losslessly: the browser's encoder at 60 Mbps (1080×1920). */
const REFERENCE_BITRATE = 60_000_000
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean))
/** App and native runs of the reference edit, alternating; the ratio is of their medians. */
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3))
const QUALITIES = ['smaller', 'balanced', 'best'] as const
const QUALITY = QUALITIES.find((q) => q === process.env.BENCH_QUALITY)

function makeSources(dir: string) {
  const source = path.join(dir, 'source.mp4')
  const music = path.join(dir, 'music.m4a')
  // A camera-like source: moving test pattern at camera saturation, x264 at a phone's bitrate,
  // stereo AAC 48 kHz. (Fully saturated bars lie outside RGB's gamut: no camera records them.)
  run('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30:d=12,hue=s=0.6'],
    ...['-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=12', '-c:v', 'libx264', '-preset', 'veryfast'],
    ...['-b:v', '8M', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', '-shortest', source],
  ])
  run('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=f=220:r=44100:d=12'],
    ...['-c:a', 'aac', '-ac', '2', music],
  ])
  const logo = makeLogo(dir)
  return { source, music, logo }
}

const info = { width: 1920, height: 1080, durationMs: 12000, hasAudio: true, rotation: 0 as const }
const media = {
  src: { file: 'source.mp4', info },
  music: { file: 'music.m4a', info: { ...info, width: 1, height: 1 } },
  logo: {
    file: 'logo.png',
    info: { width: 320, height: 160, durationMs: 0, hasAudio: false, rotation: 0 as const },
  },
}

/** The reference edit: 10 s of a 1920×1080 source → 1080×1920: trim, fill, colour, text, music. */
function referenceSpec(): HarnessSpec {
  return {
    media,
    timeline: {
      version: 1,
      canvas: '1080x1920',
      fps: FPS,
      clips: [
        {
          id: 'c',
          mediaId: 'src',
          inMs: 1000,
          outMs: 1000 + DURATION_S * 1000,
          fit: 'fill',
          effects: [
            { type: 'saturation', value: 1.2 },
            { type: 'contrast', value: 1.1 },
          ],
        },
      ],
      texts: [
        {
          id: 't',
          text: 'Reeldesk bench',
          font: 'Inter-Bold.otf',
          size: 90,
          outlineWidth: 4,
          y: 0.15,
          startMs: 0,
          endMs: 10000,
        },
      ],
      audio: { music: { mediaId: 'music', volume: 0.6, fadeOutMs: 1000 }, originalVolume: 0.8 },
    },
    ...(QUALITY ? { quality: QUALITY } : {}),
  }
}

/** The heavy edit: a LUT, a blur, a crossfade and two image overlays (and a caption), 10 s. */
function heavySpec(): HarnessSpec {
  const reference = referenceSpec()
  return {
    media,
    timeline: {
      version: 1,
      canvas: '1080x1920',
      fps: FPS,
      clips: [
        {
          id: 'a',
          mediaId: 'src',
          inMs: 0,
          outMs: 6000,
          effects: [
            { type: 'lut', file: 'teal-orange.cube' },
            { type: 'blur', radius: 4 },
          ],
          transitionOut: { type: 'crossfade', durationMs: 1000 },
        },
        {
          id: 'b',
          mediaId: 'src',
          inMs: 6000,
          outMs: 11000,
          effects: [{ type: 'lut', file: 'warm.cube' }],
        },
      ],
      images: [
        { id: 'i1', mediaId: 'logo', x: 0.8, y: 0.08, width: 0.25, startMs: 0, endMs: 10000 },
        {
          id: 'i2',
          mediaId: 'logo',
          x: 0.2,
          y: 0.9,
          width: 0.3,
          opacity: 0.6,
          startMs: 2000,
          endMs: 9000,
        },
      ],
      texts: (reference.timeline as { texts: unknown[] }).texts,
      audio: { music: { mediaId: 'music', volume: 0.6 }, originalVolume: 0.8 },
    },
  }
}

/** The same edit made 10 minutes long (60 × 10 s), for the memory check. */
function longSpec(minutes: number): HarnessSpec {
  const count = Math.max(1, Math.round((minutes * 60) / DURATION_S))
  const reference = referenceSpec().timeline as { clips: object[] }
  const [clip] = reference.clips
  return {
    media,
    timeline: {
      ...(referenceSpec().timeline as object),
      clips: Array.from({ length: count }, (_, i) => ({ ...clip, id: `c${i}` })),
      texts: [],
      audio: { originalVolume: 1 },
    },
  }
}

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      // As the desktop app runs its renderer: the export's workers collect garbage as they go.
      `--js-flags=${RENDERER_JS_FLAGS}`,
    ],
  })
}

async function openPage(browser: Browser, url: string, files: string[]): Promise<Page> {
  const page = await browser.newPage()
  await page.goto(url)
  await page.locator('#status', { hasText: 'ready' }).waitFor()
  await page.locator('#files').setInputFiles(files)
  return page
}

interface AppRun {
  readonly ms: number
  readonly loadMs: number
  readonly engine: string
  readonly fallbackReason: string | null
  /** Null for timed runs: sampling costs CPU the export would otherwise have (see runApp). */
  readonly peakMb: number | null
  readonly baselineMb: number
  readonly stages: HarnessStages | null
}

/** The run with the median `key` (the upper one of an even count). */
function medianBy<T>(runs: readonly T[], key: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => key(a) - key(b))
  const middle = sorted[Math.floor(sorted.length / 2)]
  if (middle === undefined) throw new Error('no runs')
  return middle
}

/**
 * One export in a fresh browser: its wall time, and with `memory` the peak PSS of the browser's
 * process tree. Only untimed runs sample it: one sample reads every Chromium process's
 * smaps_rollup, ~10 ms of CPU here, every 200 ms — time the export would lose to the bench on
 * two cores, while native's peak (max RSS) costs it nothing.
 */
async function runApp(
  baseUrl: string,
  files: string[],
  spec: HarnessSpec,
  outFile: string,
  engine: 'auto' | 'x264' | 'reference',
  memory = false,
): Promise<AppRun> {
  const browser = await launch()
  try {
    const page = await openPage(browser, `${baseUrl}${ENGINE}`, files)
    // 'x264': the fallback at its slowest: ffmpeg.wasm renders and x264 in wasm encodes.
    // 'reference': the WebCodecs engine at a near-lossless bitrate (its pictures, for quality).
    await page.evaluate(
      ({ e, bitrate }) =>
        window.__reeldeskEngineTest?.reset(
          e === 'x264'
            ? { videoEncoder: 'x264' }
            : e === 'reference'
              ? { engine: 'webcodecs', videoBitrate: bitrate }
              : {},
        ),
      { e: engine, bitrate: REFERENCE_BITRATE },
    )
    const baselineMb = chromiumTreePssMb()
    let peakMb = baselineMb
    const poll = memory
      ? setInterval(() => (peakMb = Math.max(peakMb, chromiumTreePssMb())), 200)
      : undefined
    const outcome = await page
      .evaluate(async (s) => {
        const api = window.__reeldeskEngineTest
        if (!api) throw new Error('harness not loaded')
        return api.exportVideo(s)
      }, spec)
      .finally(() => clearInterval(poll))
    if (!outcome.ok) throw new Error(`app export failed: ${outcome.code}: ${outcome.message}`)
    writeFileSync(outFile, Buffer.from(outcome.base64, 'base64'))
    return {
      ms: outcome.elapsedMs,
      loadMs: outcome.loadMs,
      engine: outcome.engine,
      fallbackReason: outcome.fallbackReason,
      peakMb: memory ? peakMb : null,
      baselineMb,
      stages: outcome.stages,
    }
  } finally {
    await browser.close()
  }
}

/**
 * The browser's H.264 encoder alone, configured as the app's export configures it, on `frames`
 * synthetic 1080×1920 pictures made like the compositor's (a CPU canvas snapshot: RGBA, which the
 * encoder converts to 4:2:0 itself). 30 distinct pictures of moving shapes and text, cycled, made
 * before the clock starts. Says how much of the export the encoder alone takes on this machine.
 */
async function encoderAlone(
  baseUrl: string,
  frames: number,
): Promise<{ ms: number; bytes: number }> {
  const browser = await launch()
  try {
    const page = await browser.newPage()
    // A secure context (WebCodecs): the engine's harness page, nothing of it used.
    await page.goto(`${baseUrl}${ENGINE}`)
    const config = {
      codec: avcCodecString(h264Level(1080, 1920, FPS)),
      width: 1080,
      height: 1920,
      bitrate: videoBitrate(QUALITY ?? DEFAULT_QUALITY, 1080, 1920, FPS),
      bitrateMode: 'variable' as const,
      framerate: FPS,
      latencyMode: 'quality' as const,
      avc: { format: 'avc' as const },
    }
    return await page.evaluate(
      async ({ config: c, frames: total }) => {
        const canvas = new OffscreenCanvas(c.width, c.height)
        const ctx = canvas.getContext('2d', { willReadFrequently: true })
        if (!ctx) throw new Error('no 2D context')
        const pictures: VideoFrame[] = []
        for (let n = 0; n < 30; n++) {
          const g = ctx.createLinearGradient(0, 0, c.width, c.height)
          g.addColorStop(0, `hsl(${n * 4}, 60%, 45%)`)
          g.addColorStop(1, `hsl(${n * 4 + 120}, 60%, 35%)`)
          ctx.fillStyle = g
          ctx.fillRect(0, 0, c.width, c.height)
          for (let i = 0; i < 60; i++) {
            ctx.fillStyle = `hsl(${i * 7}, 55%, ${30 + (i % 5) * 10}%)`
            ctx.fillRect((i * 97 + n * 9) % c.width, (i * 211 + n * 6) % c.height, 140, 90)
          }
          ctx.fillStyle = '#ffffff'
          ctx.font = 'bold 90px sans-serif'
          ctx.fillText(`Reeldesk ${n}`, 120 + n * 4, 300)
          pictures.push(new VideoFrame(canvas, { timestamp: 0 }))
        }
        let bytes = 0
        let failure: unknown = null
        const encoder = new VideoEncoder({
          output: (chunk) => (bytes += chunk.byteLength),
          error: (error) => (failure = error),
        })
        encoder.configure(c)
        const started = performance.now()
        for (let n = 0; n < total; n++) {
          const source = pictures[n % pictures.length]
          if (!source) break
          const frame = new VideoFrame(source, { timestamp: Math.round((n * 1e6) / c.framerate) })
          encoder.encode(frame, { keyFrame: n % (2 * c.framerate) === 0 })
          frame.close()
          // As the app's mux worker: at most 3 frames queued in the encoder.
          while (encoder.encodeQueueSize > 3) {
            await new Promise((resolve) =>
              encoder.addEventListener('dequeue', resolve, { once: true }),
            )
          }
        }
        await encoder.flush()
        const ms = Math.round(performance.now() - started)
        encoder.close()
        for (const picture of pictures) picture.close()
        if (failure) throw new Error(String(failure))
        return { ms, bytes }
      },
      { config, frames },
    )
  } finally {
    await browser.close()
  }
}

async function planOf(baseUrl: string, files: string[], spec: HarnessSpec): Promise<ExportPlan> {
  const browser = await launch()
  try {
    const page = await openPage(browser, `${baseUrl}${ENGINE}`, files)
    return await page.evaluate(async (s) => {
      const api = window.__reeldeskEngineTest
      if (!api) throw new Error('harness not loaded')
      return api.plan(s)
    }, spec)
  } finally {
    await browser.close()
  }
}

/** Native ffmpeg + x264 on the compiled plan, default threading: time and max RSS. */
function runNative(args: string[]): { ms: number; peakMb: number } {
  const started = performance.now()
  const result = spawnSync('/usr/bin/time', ['-v', 'ffmpeg', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  const ms = Math.round(performance.now() - started)
  if (result.status !== 0) throw new Error(`native ffmpeg failed: ${result.stderr.slice(-1500)}`)
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? 0)
  return { ms, peakMb: rssKb / 1024 }
}

/** The plan's arguments with x264 set to `preset` and `crf` (the output stays last). */
function withX264(args: string[], preset: string, crf: number): string[] {
  const out = [...args]
  const set = (flag: string, value: string) => {
    const i = out.lastIndexOf(flag)
    if (i >= 0) out[i + 1] = value
  }
  set('-preset', preset)
  set('-crf', String(crf))
  return out
}

async function previewFps(baseUrl: string, files: string[], spec: HarnessSpec) {
  const browser = await launch()
  try {
    const page = await openPage(browser, `${baseUrl}${PREVIEW}`, files)
    const scale = previewScale({ width: 1080, height: 1920 })
    const loaded = await page.evaluate(
      async ({ s, scale: k }) => window.__reeldeskPreviewTest?.load(s, { scale: k }),
      { s: spec, scale },
    )
    if (!loaded?.ok) throw new Error(`preview load failed: ${loaded?.message ?? ''}`)
    // Once to warm the decoder and caches, then the measured play-through.
    await page.evaluate(async () => window.__reeldeskPreviewTest?.playBenchmark())
    const result = await page.evaluate(async () => window.__reeldeskPreviewTest?.playBenchmark())
    if (!result) throw new Error('no playback result')
    return result
  } finally {
    await browser.close()
  }
}

function validate(file: string, seconds = DURATION_S) {
  const probe = ffprobe(file, true)
  const v = probe.streams.find((s) => s.codec_type === 'video')
  const a = probe.streams.find((s) => s.codec_type === 'audio')
  const problems: string[] = []
  if (v?.codec_name !== 'h264' || v.width !== 1080 || v.height !== 1920)
    problems.push('video is not H.264 1080×1920')
  if (v?.profile !== 'High') problems.push(`profile ${v?.profile}`)
  if (v?.r_frame_rate !== `${FPS}/1`) problems.push(`frame rate ${v?.r_frame_rate}`)
  if ((v?.level ?? 0) < 40) problems.push(`level ${v?.level}`)
  if (Number(v?.nb_read_frames) !== FPS * seconds) problems.push(`${v?.nb_read_frames} frames`)
  if (Math.abs(Number(probe.format.duration) - seconds) > 1 / FPS)
    problems.push(`duration ${probe.format.duration}`)
  if (a?.codec_name !== 'aac' || a.sample_rate !== '48000' || a.channels !== 2)
    problems.push('audio is not AAC 48 kHz stereo')
  return problems
}

const sizeMb = (file: string) => statSync(file).size / 1e6
const round = (n: number, digits = 2) => Number(n.toFixed(digits))

const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-'))
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-data-'))
let stop: (() => void) | undefined
try {
  // In a child, so the build script finds the repository from its own place (this file is bundled).
  run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const b = await import('./scripts/build.mjs'); if (b.isStale()) await b.buildAll()",
    ],
    { timeoutMs: 600_000 },
  )
  const { source, music, logo } = makeSources(dir)
  const files = [source, music, logo]
  const server = await startServer(dataDir)
  stop = server.stop
  const { baseUrl } = server
  const out = (name: string) => path.join(dir, name)
  const reference = referenceSpec()
  const heavy = heavySpec()

  // The anchor: native ffmpeg + x264 on the compiled plan of each edit (what ffmpeg.wasm runs).
  const plan = await planOf(baseUrl, files, reference)
  const heavyPlan = await planOf(baseUrl, files, heavy)
  const nativeRef = nativeArgs(plan, dir, out('native.mp4'))
  const nativeHeavy = nativeArgs(heavyPlan, dir, out('native-heavy.mp4'))
  if (process.env.BENCH_VERBOSE) console.error(nativeRef.join(' '))

  // App and native alternate, so both see the same machine load, ROUNDS times: this machine's
  // speed drifts within a minute, and the medians' ratio is steadier than one pair's.
  const appRuns: AppRun[] = []
  const nativeRuns: { ms: number; peakMb: number }[] = []
  for (let round = 0; round < ROUNDS; round++) {
    appRuns.push(await runApp(baseUrl, files, reference, out('app.mp4'), 'auto'))
    nativeRuns.push(runNative(nativeRef))
  }
  const app = medianBy(appRuns, (r) => r.ms)
  const native = medianBy(nativeRuns, (r) => r.ms)
  // The app's peak memory, from one more export of the reference edit that is not timed.
  const appMemory = await runApp(baseUrl, files, reference, out('app-memory.mp4'), 'auto', true)
  const fallback = SKIP.has('fallback')
    ? null
    : await runApp(baseUrl, files, reference, out('app-x264.mp4'), 'x264')
  const heavyApp = SKIP.has('heavy')
    ? null
    : await runApp(baseUrl, files, heavy, out('app-heavy.mp4'), 'auto')
  const heavyNative = heavyApp ? runNative(nativeHeavy) : null
  const preview = SKIP.has('preview') ? null : await previewFps(baseUrl, files, reference)
  const encoder = SKIP.has('encoder') ? null : await encoderAlone(baseUrl, FPS * DURATION_S)
  const nativeAgain = encoder ? runNative(nativeRef) : null

  // Quality goal: the app's SSIM against the frames of a near-lossless native render of the plan
  // (≥ 0.98). That SSIM is capped by the two compositors' differences, so it cannot say what the
  // encoder costs: for bytes, like with like, both encoders code the app's own pictures (the
  // WebCodecs engine at a near-lossless bitrate), and x264 medium's CRF is found by bisection to
  // reach the app file's SSIM against those pictures; bytes ratio = app file ÷ that x264 file
  // (both with the app's AAC track).
  const lossless = out('native-ref.mp4')
  run('ffmpeg', withX264(nativeArgs(plan, dir, lossless), 'ultrafast', 4), { timeoutMs: 600_000 })
  const appSsim = videoSsim(out('app.mp4'), lossless)
  const pictures = out('app-ref.mp4')
  await runApp(baseUrl, files, reference, pictures, 'reference')
  const codingSsim = videoSsim(out('app.mp4'), pictures)
  const medium = (crf: number) => {
    const file = out(`medium-${crf}.mp4`)
    run(
      'ffmpeg',
      [
        ...[
          '-v',
          'error',
          '-y',
          '-i',
          pictures,
          '-i',
          out('app.mp4'),
          '-map',
          '0:v',
          '-map',
          '1:a',
        ],
        ...['-c:v', 'libx264', '-preset', 'medium', '-crf', String(crf), '-profile:v', 'high'],
        ...['-pix_fmt', 'yuv420p', '-c:a', 'copy', '-movflags', '+faststart', file],
      ],
      { timeoutMs: 600_000 },
    )
    return { crf, file, ssim: videoSsim(file, pictures), bytes: statSync(file).size }
  }
  // To a quarter step (x264 takes fractional CRFs): whole steps flipped the ratio between 1.8
  // and 2.0 from run to run as CRF 27 landed just above or below the app's SSIM.
  let low = 14
  let high = 40
  let matched = medium(low)
  while (high - low > 0.25) {
    const mid = Math.round((low + high) * 2) / 4
    const tried = medium(mid)
    if (tried.ssim >= codingSsim) {
      low = mid
      matched = tried
    } else {
      high = mid
    }
  }
  const bytesRatio = statSync(out('app.mp4')).size / matched.bytes

  const problems = {
    app: validate(out('app.mp4')),
    fallback: fallback ? validate(out('app-x264.mp4')) : [],
    native: validate(out('native.mp4')),
    heavy: heavyApp ? validate(out('app-heavy.mp4')) : [],
  }
  const frames = FPS * DURATION_S
  const row = (
    name: string,
    ms: number,
    peak: string,
    file: string,
    against: string,
    valid: string[],
  ) => [
    name,
    (ms / 1000).toFixed(2),
    (frames / (ms / 1000)).toFixed(1),
    peak,
    sizeMb(file).toFixed(1),
    file === against ? '1' : videoSsim(file, against).toFixed(3),
    valid.length ? valid.join('; ') : 'yes',
  ]
  const pss = (r: AppRun) =>
    r.peakMb === null
      ? '— (timed: not sampled)'
      : `${r.peakMb.toFixed(0)} (browser tree PSS; ${r.baselineMb.toFixed(0)} idle)`
  const rows = [
    ['', 'time (s)', 'fps', 'peak memory (MB)', 'size (MB)', 'SSIM vs native', 'valid'],
    row(
      `app, ${app.engine} engine`,
      app.ms,
      `${pss(appMemory)}, untimed run`,
      out('app.mp4'),
      out('native.mp4'),
      problems.app,
    ),
    [
      '  of which ffmpeg.wasm core load (sound)',
      (app.loadMs / 1000).toFixed(2),
      '',
      '',
      '',
      '',
      '',
    ],
    ...(fallback
      ? [
          row(
            'app fallback, ffmpeg.wasm + x264',
            fallback.ms,
            pss(fallback),
            out('app-x264.mp4'),
            out('native.mp4'),
            problems.fallback,
          ),
        ]
      : []),
    row(
      'native ffmpeg + x264 (plan)',
      native.ms,
      `${native.peakMb.toFixed(0)} (max RSS)`,
      out('native.mp4'),
      out('native.mp4'),
      problems.native,
    ),
    ...(heavyApp && heavyNative
      ? [
          row(
            `heavy edit, app (${heavyApp.engine})`,
            heavyApp.ms,
            pss(heavyApp),
            out('app-heavy.mp4'),
            out('native-heavy.mp4'),
            problems.heavy,
          ),
          row(
            'heavy edit, native ffmpeg + x264',
            heavyNative.ms,
            `${heavyNative.peakMb.toFixed(0)} (max RSS)`,
            out('native-heavy.mp4'),
            out('native-heavy.mp4'),
            [],
          ),
        ]
      : []),
  ]
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => String(r[c]).length))) ?? []
  console.log(
    `reference edit: ${DURATION_S} s of 1920×1080 → 1080×1920 @ ${FPS} fps, ${os.cpus().length} cores`,
  )
  for (const r of rows)
    console.log(r.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  '))
  const fallbackRatio = fallback ? round(fallback.ms / native.ms) : null
  const heavyRatio = heavyApp && heavyNative ? round(heavyApp.ms / heavyNative.ms) : null
  const times = (runs: readonly { ms: number }[]) =>
    runs.map((r) => (r.ms / 1000).toFixed(2)).join(' / ')
  console.log(
    `reference edit, ${ROUNDS} alternating rounds (medians above): app ${times(appRuns)} s; native ${times(nativeRuns)} s`,
  )
  console.log(
    `ratio app/native ${round(app.ms / native.ms)}×; x264 fallback/native ${fallbackRatio ?? '—'}×; heavy edit app/native ${heavyRatio ?? '—'}×`,
  )
  console.log(
    `quality: app SSIM ${appSsim.toFixed(4)} against native's near-lossless frames (goal ≥ 0.98), ${codingSsim.toFixed(4)} against its own pictures at ${(REFERENCE_BITRATE / 1e6).toFixed(0)} Mbps (${sizeMb(pictures).toFixed(1)} MB), at ${sizeMb(out('app.mp4')).toFixed(2)} MB; x264 medium coding the same pictures reaches ${matched.ssim.toFixed(4)} at CRF ${matched.crf} in ${(matched.bytes / 1e6).toFixed(2)} MB → bytes ratio ${round(bytesRatio)}`,
  )
  if (app.stages) {
    const parts = Object.entries(app.stages).map(
      ([stage, t]) =>
        `${stage} ${(t.work / 1000).toFixed(2)} s working, ${(t.waitIn / 1000).toFixed(2)} s waiting for input, ${(t.waitOut / 1000).toFixed(2)} s for room${t.paths ? ` (frames on Y'CbCr planes ${t.paths.planes}, on the canvas ${t.paths.canvas}${Object.keys(t.paths.reasons).length > 0 ? `: ${JSON.stringify(t.paths.reasons)}` : ''})` : ''}`,
    )
    console.log(`app stages (each worker's wall time): ${parts.join('; ')}`)
    const sec = (ms: number | null | undefined) => (ms == null ? '—' : (ms / 1000).toFixed(2))
    const spans = Object.entries(app.stages).map(
      ([stage, t]) =>
        `${stage} ${sec(t.span?.start)}–${sec(t.span?.end)} (first frame out ${sec(t.span?.first)})`,
    )
    const marks = Object.entries(app.stages.encode?.marks ?? {}).map(
      ([name, ms]) => `${name === 'sound' ? 'sound complete' : 'video encoded'} ${sec(ms)}`,
    )
    console.log(
      `app time line (s from the export's start; the file is done at ${sec(app.ms)}): ${[...spans, ...marks].join('; ')}`,
    )
  }
  if (encoder && nativeAgain) {
    console.log(
      `the browser's H.264 encoder alone (the app's settings, ${FPS * DURATION_S} synthetic 1080×1920 canvas frames): ${(encoder.ms / 1000).toFixed(2)} s, ${(encoder.bytes / 1e6).toFixed(2)} MB; native ffmpeg + x264 on the plan right after it: ${(nativeAgain.ms / 1000).toFixed(2)} s → encoder alone / native ${round(encoder.ms / nativeAgain.ms)}×`,
    )
  }
  if (preview) {
    console.log(
      `preview (540×960 of the 1080×1920 edit): ${preview.fps} fps, ${preview.shown}/${preview.total} frames shown, ${(preview.dropped * 100).toFixed(1)} % dropped; per frame (median) ${preview.renderMs} ms asked → received, of which ${preview.sourceMs} ms waiting for the decoder and ${preview.drawMs} ms drawing`,
    )
  }

  let long: { short_mb: number; long_mb: number; minutes: number } | null = null
  const minutes = Number(process.env.BENCH_LONG_MINUTES ?? 0)
  if (minutes > 0) {
    const shortRun = await runApp(
      baseUrl,
      files,
      longSpec(DURATION_S / 60),
      out('short.mp4'),
      'auto',
      true,
    )
    const longRun = await runApp(baseUrl, files, longSpec(minutes), out('long.mp4'), 'auto', true)
    long = {
      short_mb: Math.round(shortRun.peakMb ?? 0),
      long_mb: Math.round(longRun.peakMb ?? 0),
      minutes,
    }
    console.log(
      `memory: ${DURATION_S} s export peaks at ${long.short_mb} MB, ${minutes} min at ${long.long_mb} MB (browser tree PSS)`,
    )
  }

  const valid = Object.values(problems).every((p) => p.length === 0)
  console.log(
    JSON.stringify({
      bench: 'export',
      app_ms: app.ms,
      native_ms: native.ms,
      rounds: ROUNDS,
      ratio: round(app.ms / native.ms),
      peak_mb: Math.round(appMemory.peakMb ?? 0),
      valid,
      engine: app.engine,
      ssim: round(appSsim, 4),
      coding_ssim: round(codingSsim, 4),
      bytes_ratio: round(bytesRatio),
      x264_crf: matched.crf,
      fallback_ratio: fallbackRatio,
      heavy_ratio: heavyRatio,
      preview_fps: preview?.fps ?? null,
      preview_dropped: preview?.dropped ?? null,
      encoder_ratio: encoder && nativeAgain ? round(encoder.ms / nativeAgain.ms) : null,
      ...(long ? { long_peak_mb: long.long_mb, short_peak_mb: long.short_mb } : {}),
    }),
  )
  process.exitCode = valid ? 0 : 1
} finally {
  stop?.()
  rmSync(dir, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
}
