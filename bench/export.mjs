// Export benchmark: the app's ffmpeg.wasm engine in Chromium vs native ffmpeg on the same
// compiled arguments, on a reference edit (10 s of a 1920×1080 source → 1080×1920: trim,
// scale+crop, colour effect, text, music). Both outputs are checked with ffprobe.
//   node bench/export.mjs            (npm run bench:export; BENCH_VERBOSE=1 prints the ffmpeg arguments)
// Native ffmpeg/ffprobe and Debian's chromium are test tools here, never app dependencies.
// The last line of output is one JSON object for CI dashboards.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { buildAll, isStale } from '../scripts/build.mjs'
import { ffprobe, run } from '../scripts/native-ffmpeg.mjs'

/* global window -- page.evaluate callbacks run in the page */

/** @typedef {import('../renderer/features/editor/engine/harness-api').HarnessSpec} HarnessSpec */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const FPS = 30
const DURATION_S = 10
const HARNESS = '/features/editor/engine/harness.html'
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** @param {string} dir */
function makeSources(dir) {
  const source = path.join(dir, 'source.mp4')
  const music = path.join(dir, 'music.m4a')
  // A camera-like source: moving test pattern, x264 at a phone-ish bitrate, stereo AAC 48 kHz.
  run('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30:d=12'],
    ...['-f', 'lavfi', '-i', 'sine=f=440:r=48000:d=12', '-c:v', 'libx264', '-preset', 'veryfast'],
    ...['-b:v', '8M', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', '-shortest', source],
  ])
  run('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=f=220:r=44100:d=12'],
    ...['-c:a', 'aac', '-ac', '2', music],
  ])
  return { source, music }
}

/** @returns {HarnessSpec} */
function referenceSpec() {
  const info = {
    width: 1920,
    height: 1080,
    durationMs: 12000,
    hasAudio: true,
    rotation: /** @type {0} */ (0),
  }
  return {
    media: {
      src: { file: 'source.mp4', info },
      music: { file: 'music.m4a', info: { ...info, width: 1, height: 1 } },
    },
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
  }
}

/** Pids of a process and all its descendants. @param {number} rootPid */
function processTree(rootPid) {
  /** @type {Map<number, number[]>} */
  const children = new Map()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // the process ended while we looked
    }
  }
  const pids = [rootPid]
  for (let i = 0; i < pids.length; i++) pids.push(...(children.get(pids[i] ?? -1) ?? []))
  return pids
}

/** The Chromium this script launched: our child process running the browser binary. */
function chromiumPid() {
  const pid = processTree(process.pid).find((p) => {
    try {
      return (
        p !== process.pid &&
        /chromium/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0')[0] ?? '')
      )
    } catch {
      return false
    }
  })
  if (!pid) throw new Error('cannot find the Chromium process')
  return pid
}

/** Proportional set size (shared pages split between sharers) of a process tree, in MB. */
function treePssMb(/** @type {number} */ rootPid) {
  let kb = 0
  for (const pid of processTree(rootPid)) {
    try {
      const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))
      kb += Number(match?.[1] ?? 0)
    } catch {
      // gone
    }
  }
  return kb / 1024
}

/** @param {string} file */
function validate(file) {
  const probe = ffprobe(file, true)
  const streams = probe.streams
  const v = streams.find((s) => s.codec_type === 'video')
  const a = streams.find((s) => s.codec_type === 'audio')
  const problems = []
  if (v?.codec_name !== 'h264' || v.width !== 1080 || v.height !== 1920)
    problems.push('video is not H.264 1080×1920')
  if (v?.r_frame_rate !== `${FPS}/1`) problems.push(`frame rate ${v?.r_frame_rate}`)
  if ((v?.level ?? 0) < 40) problems.push(`level ${v?.level}`)
  if (Number(v?.nb_read_frames) !== FPS * DURATION_S) problems.push(`${v?.nb_read_frames} frames`)
  if (Math.abs(Number(probe.format.duration) - DURATION_S) > 1 / FPS)
    problems.push(`duration ${probe.format.duration}`)
  if (a?.codec_name !== 'aac' || a.sample_rate !== '48000' || a.channels !== 2)
    problems.push('audio is not AAC 48 kHz stereo')
  return problems
}

/** Starts the built server on a free port. @param {string} dataDir */
async function startServer(dataDir) {
  const server = spawn(process.execPath, [path.join(root, 'out/server/index.js')], {
    env: { ...process.env, PORT: '0', REELDESK_DATA: dataDir, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await new Promise((resolve, reject) => {
    let out = ''
    server.stdout.on('data', (/** @type {Buffer} */ chunk) => {
      out += chunk.toString()
      const match = /REELDESK_SERVER_READY (.*)/.exec(out)
      if (match?.[1]) resolve(JSON.parse(match[1]).port)
    })
    server.once('exit', (code) => reject(new Error(`server exited early (code ${code})`)))
  })
  return { server, baseUrl: `http://127.0.0.1:${port}` }
}

/** The app's engine in Chromium: elapsed time and peak PSS of the browser's process tree. */
async function runApp(
  /** @type {string} */ baseUrl,
  /** @type {string[]} */ files,
  /** @type {string} */ outFile,
  /** @type {'auto' | 'x264'} */ videoEncoder,
) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  })
  try {
    const page = await browser.newPage()
    await page.goto(`${baseUrl}${HARNESS}`)
    await page.locator('#status', { hasText: 'ready' }).waitFor()
    await page.locator('#files').setInputFiles(files)
    await page.evaluate(
      (encoder) => window.__reeldeskEngineTest?.reset({ videoEncoder: encoder }),
      videoEncoder,
    )
    const spec = referenceSpec()
    const plan = await page.evaluate((s) => {
      const api = window.__reeldeskEngineTest
      if (!api) throw new Error('harness not loaded')
      return api.plan(s)
    }, spec)
    const browserPid = chromiumPid()
    const baselineMb = treePssMb(browserPid)
    let peakMb = baselineMb
    const poll = setInterval(() => {
      peakMb = Math.max(peakMb, treePssMb(browserPid))
    }, 200)
    const outcome = await page
      .evaluate((s) => {
        const api = window.__reeldeskEngineTest
        if (!api) throw new Error('harness not loaded')
        return api.exportVideo(s)
      }, spec)
      .finally(() => clearInterval(poll))
    if (!outcome.ok) throw new Error(`app export failed: ${outcome.code}: ${outcome.message}`)
    writeFileSync(outFile, Buffer.from(outcome.base64, 'base64'))
    const rendering = outcome.progress.find((p) => p.phase === 'rendering')
    return {
      ms: outcome.elapsedMs,
      loadMs: outcome.loadMs,
      multiThread: outcome.multiThread,
      videoEncoder: outcome.videoEncoder,
      peakMb,
      baselineMb,
      plan,
      firstFrameMs: rendering?.elapsedMs ?? null,
    }
  } finally {
    await browser.close()
  }
}

/**
 * The same compiled command with native ffmpeg at its default threading: the wasm-only thread
 * limits and the progress pipe are dropped, FS paths map to the real files.
 * @param {{ args: string[], files: Record<string, string> }} plan @param {string} dir @param {string} outFile
 */
function runNative(plan, dir, outFile) {
  const args = []
  for (let i = 0; i < plan.args.length; i++) {
    const arg = plan.args[i] ?? ''
    if (arg === '-threads' || arg === '-filter_complex_threads' || arg === '-progress') {
      i++
      continue
    }
    args.push(arg)
  }
  const mapped = args.map((arg, i) => {
    if (i === args.length - 1) return outFile
    let out = arg
    for (const [fsPath, name] of Object.entries(plan.files))
      out = out.split(fsPath).join(path.join(dir, name))
    // Filter option values escape ':' etc.; these directories have none of those characters.
    return out
      .split('/reeldesk/fonts')
      .join(path.join(root, 'resources/fonts'))
      .split('/reeldesk/luts')
      .join(path.join(root, 'resources/luts'))
  })
  const started = performance.now()
  const result = spawnSync('/usr/bin/time', ['-v', 'ffmpeg', ...mapped], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })
  const ms = Math.round(performance.now() - started)
  if (result.status !== 0) throw new Error(`native ffmpeg failed: ${result.stderr.slice(-1500)}`)
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1] ?? 0)
  return { ms, peakMb: rssKb / 1024 }
}

/**
 * Mean SSIM of two renders of the same edit (1 = identical), frame n against frame n: both have
 * exactly the edit's frames (validate checks), and pairing by timestamp would let a container's
 * rounding pair neighbours. @param {string} a @param {string} b
 */
function ssim(a, b) {
  const graph = '[0:v]setpts=N[a];[1:v]setpts=N[b];[a][b]ssim'
  const args = ['-hide_banner', '-i', a, '-i', b, '-lavfi', graph, '-f', 'null', '-']
  const log = run('ffmpeg', args, { withStderr: true })
  const all = /SSIM .* All:([\d.]+)/.exec(log)?.[1]
  if (!all) throw new Error(`no SSIM in ffmpeg's output: ${log.slice(-500)}`)
  return Number(all)
}

/** @param {string} file */
const sizeMb = (file) => statSync(file).size / 1e6

const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-'))
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-data-'))
let server
try {
  if (isStale()) await buildAll()
  const { source, music } = makeSources(dir)
  const started = await startServer(dataDir)
  server = started.server
  const appOut = path.join(dir, 'app.mp4')
  const x264Out = path.join(dir, 'app-x264.mp4')
  const nativeOut = path.join(dir, 'native.mp4')
  // The app as it exports by default (the browser's H.264 encoder where it has one), and its
  // fallback (x264 inside ffmpeg.wasm), then native ffmpeg + x264 on the same edit.
  const app = await runApp(started.baseUrl, [source, music], appOut, 'auto')
  const fallback = await runApp(started.baseUrl, [source, music], x264Out, 'x264')
  if (process.env.BENCH_VERBOSE) console.error(app.plan.args.join(' '))
  const native = runNative(app.plan, dir, nativeOut)
  const appProblems = validate(appOut)
  const fallbackProblems = validate(x264Out)
  const nativeProblems = validate(nativeOut)
  const frames = FPS * DURATION_S
  const renderMs = app.ms - app.loadMs
  const encoderName = (/** @type {string} */ e) => (e === 'webcodecs' ? 'WebCodecs H.264' : 'x264')
  /** @param {string} name @param {{ ms: number, peakMb: number, baselineMb?: number }} r @param {string} file @param {string[]} problems */
  const row = (name, r, file, problems) => [
    name,
    (r.ms / 1000).toFixed(2),
    (frames / (r.ms / 1000)).toFixed(1),
    r.baselineMb === undefined
      ? `${r.peakMb.toFixed(0)} (max RSS)`
      : `${r.peakMb.toFixed(0)} (browser tree PSS; ${r.baselineMb.toFixed(0)} idle)`,
    sizeMb(file).toFixed(1),
    file === nativeOut ? '1' : ssim(file, nativeOut).toFixed(3),
    problems.length ? problems.join('; ') : 'yes',
  ]
  const rows = [
    ['', 'time (s)', 'fps', 'peak memory (MB)', 'size (MB)', 'SSIM vs native', 'valid'],
    row(`app (ffmpeg.wasm MT + ${encoderName(app.videoEncoder)})`, app, appOut, appProblems),
    ['  of which core load', (app.loadMs / 1000).toFixed(2), '', '', '', '', ''],
    row(
      `app fallback (ffmpeg.wasm MT + ${encoderName(fallback.videoEncoder)})`,
      fallback,
      x264Out,
      fallbackProblems,
    ),
    row('native ffmpeg + x264', native, nativeOut, nativeProblems),
  ]
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => String(r[c]).length))) ?? []
  console.log(
    `reference edit: ${DURATION_S} s of 1920×1080 → 1080×1920 @ ${FPS} fps, ${os.cpus().length} cores`,
  )
  for (const r of rows)
    console.log(r.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  '))
  console.log(
    `ratio app/native: ${(app.ms / native.ms).toFixed(2)}× (render only ${(renderMs / native.ms).toFixed(2)}×; x264 fallback ${(fallback.ms / native.ms).toFixed(2)}×)`,
  )
  const valid =
    appProblems.length === 0 && fallbackProblems.length === 0 && nativeProblems.length === 0
  console.log(
    JSON.stringify({
      bench: 'export',
      app_ms: app.ms,
      native_ms: native.ms,
      ratio: Number((app.ms / native.ms).toFixed(2)),
      peak_mb: Math.round(app.peakMb),
      valid,
    }),
  )
  process.exitCode = valid ? 0 : 1
} finally {
  server?.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
}
