// Core files are imported as URLs, never as modules: they are loaded at run time from the app's
// own origin (the @ffmpeg packages' default core URL points at a CDN, DESIGN §4).
import coreMtUrl from '@ffmpeg/core-mt?url'
import wasmMtUrl from '@ffmpeg/core-mt/wasm?url'
import pthreadWorkerUrl from '@ffmpeg/core-mt/worker?url'
import coreStUrl from '@ffmpeg/core?url'
import wasmStUrl from '@ffmpeg/core/wasm?url'
import type { FfmpegCore, FfmpegCoreFactory } from './core-types'
import type { EncodeReply } from './encode-protocol'
import { FrameDevice } from './frame-device'
import { FrameRingWriter } from './frame-ring'
import { ProgressReader } from './progress'
import { SoundDevice } from './sound-device'
import {
  ENCODED_DIR,
  FONT_DIR,
  FS_ROOT,
  INPUT_DIR,
  LUT_DIR,
  OUTPUT_DIR,
  SOUND_DEVICE,
  type RunRequest,
  type SplitRun,
  type WorkerReply,
} from './worker-protocol'

/**
 * The export worker: owns one ffmpeg.wasm core and runs one job per `run` message. ffmpeg runs
 * synchronously here (the multi-thread core spreads work over its own pthread workers), so a
 * cancel cannot be a message: the page terminates this worker instead.
 */

interface WorkerScope {
  postMessage(message: WorkerReply, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null
  readonly location: { readonly href: string }
}
const scope = self as unknown as WorkerScope

const LOG_TAIL = 40

let core: { instance: FfmpegCore; multiThread: boolean } | null = null
let frameDevice: FrameDevice | null = null
let soundDevice: SoundDevice | null = null
const written = new Set<string>()
let log: string[] = []
let reader = new ProgressReader()
let forwardLog = false

const post = (reply: WorkerReply, transfer: Transferable[] = []) =>
  scope.postMessage(reply, transfer)
const absolute = (url: string) => new URL(url, scope.location.href).href

async function loadCore(multiThread: boolean): Promise<FfmpegCore> {
  if (core) {
    if (core.multiThread !== multiThread) throw new Error('this worker holds the other ffmpeg core')
    return core.instance
  }
  const started = performance.now()
  const coreUrl = absolute(multiThread ? coreMtUrl : coreStUrl)
  const wasmURL = absolute(multiThread ? wasmMtUrl : wasmStUrl)
  const workerURL = absolute(pthreadWorkerUrl)
  const module = (await import(/* @vite-ignore */ coreUrl)) as { default: FfmpegCoreFactory }
  // The core finds its .wasm and pthread worker through this URL's fragment (its locateFile),
  // and each pthread worker imports the core again from the same URL.
  const instance = await module.default({
    mainScriptUrlOrBlob: `${coreUrl}#${btoa(JSON.stringify({ wasmURL, workerURL }))}`,
  })
  instance.setLogger(({ type, message }) => {
    if (type === 'stdout') {
      for (const line of message.split('\n')) {
        const stats = reader.push(line)
        if (stats) post({ type: 'progress', stats })
      }
    } else {
      if (forwardLog) post({ type: 'log', line: message })
      log.push(message)
      if (log.length > LOG_TAIL) log = log.slice(-LOG_TAIL)
    }
  })
  for (const dir of [FS_ROOT, INPUT_DIR, FONT_DIR, LUT_DIR, OUTPUT_DIR, ENCODED_DIR]) {
    instance.FS.mkdir(dir)
  }
  core = { instance, multiThread }
  post({ type: 'loaded', multiThread, loadMs: Math.round(performance.now() - started) })
  return instance
}

/** Fonts and LUTs stay in MEMFS between jobs: they are small and reused. */
async function writeResources(ffmpeg: FfmpegCore, request: RunRequest): Promise<void> {
  for (const resource of request.resources) {
    if (written.has(resource.path)) continue
    const response = await fetch(resource.url)
    if (!response.ok) throw new Error(`${resource.url} answered ${response.status}`)
    ffmpeg.FS.writeFile(resource.path, new Uint8Array(await response.arrayBuffer()))
    written.add(resource.path)
  }
}

/** Outcome of one ffmpeg command: the exit code (the core logs "Aborted()" even on success). */
function exec(ffmpeg: FfmpegCore, args: readonly string[]): number {
  ffmpeg.setTimeout(-1)
  const exitCode = ffmpeg.exec(...args)
  ffmpeg.reset()
  return exitCode
}

async function run(ffmpeg: FfmpegCore, request: RunRequest): Promise<void> {
  log = []
  reader = new ProgressReader()
  forwardLog = request.forwardLog
  // WORKERFS reads the Blobs lazily (FileReaderSync) instead of copying them into wasm memory.
  ffmpeg.FS.mount(
    ffmpeg.FS.filesystems.WORKERFS,
    { blobs: request.inputs.map(({ name, data }) => ({ name, data })) },
    INPUT_DIR,
  )
  const scratch = request.split ? [request.split.audioPath] : []
  try {
    if (request.soundPort) {
      if (request.outputPath !== SOUND_DEVICE)
        throw new Error('a sound stream writes to the sound device')
      runStreamed(ffmpeg, request, request.soundPort)
      return
    }
    const ok = request.split
      ? await runSplit(ffmpeg, request, request.split)
      : exitedCleanly(exec(ffmpeg, request.args))
    if (!ok) return
    const bytes = ffmpeg.FS.readFile(request.outputPath)
    // Own buffer of exactly the file, so it can be transferred rather than copied.
    const output =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : bytes.slice().buffer
    post({ type: 'done', output, exitCode: 0 }, [output])
  } finally {
    ffmpeg.FS.unmount(INPUT_DIR)
    for (const path of [request.outputPath, ...scratch]) {
      if (path !== SOUND_DEVICE && ffmpeg.FS.analyzePath(path).exists) ffmpeg.FS.unlink(path)
    }
  }
}

function exitedCleanly(exitCode: number): boolean {
  if (exitCode === 0) return true
  post({ type: 'failed', stage: 'run', exitCode, message: `ffmpeg exited with ${exitCode}`, log })
  return false
}

/** ffmpeg writes to the sound device, which streams to `port`; 'done' carries no output. */
function runStreamed(ffmpeg: FfmpegCore, request: RunRequest, port: MessagePort): void {
  soundDevice ??= new SoundDevice(ffmpeg.FS, SOUND_DEVICE)
  soundDevice.attach(port)
  try {
    if (!exitedCleanly(exec(ffmpeg, request.args))) return
    soundDevice.end()
  } finally {
    soundDevice.detach()
  }
  post({ type: 'done', output: new ArrayBuffer(0), exitCode: 0 })
}

/**
 * ffmpeg renders raw frames into the ring (the encode worker turns them into H.264 as they come)
 * and the sound into a file; then the H.264 stream and the sound are muxed into the MP4.
 */
async function runSplit(
  ffmpeg: FfmpegCore,
  request: RunRequest,
  split: SplitRun,
): Promise<boolean> {
  frameDevice ??= new FrameDevice(ffmpeg.FS, split.framesPath)
  const writer = new FrameRingWriter(split.ring)
  frameDevice.attach(writer)
  const encoded = nextReply(split.port)
  let exitCode: number
  try {
    exitCode = exec(ffmpeg, request.args)
  } finally {
    frameDevice.detach()
  }
  // A failed render stops the encoder too (its reader would otherwise wait for more frames).
  if (exitCode !== 0) writer.fail()
  const reply = await encoded
  if (reply.type === 'failed' && (exitCode === 0 || frameDevice.encoderStopped)) {
    post({ type: 'failed', stage: 'encode', exitCode: null, message: reply.message, log })
    return false
  }
  if (!exitedCleanly(exitCode) || reply.type === 'failed') return false
  // Mounted like the inputs: ffmpeg reads the encoder's chunks in place, never a copy in wasm memory.
  const name = split.videoPath.slice(ENCODED_DIR.length + 1)
  ffmpeg.FS.mount(
    ffmpeg.FS.filesystems.WORKERFS,
    { blobs: [{ name, data: reply.h264 }] },
    ENCODED_DIR,
  )
  try {
    return exitedCleanly(exec(ffmpeg, split.muxArgs))
  } finally {
    ffmpeg.FS.unmount(ENCODED_DIR)
  }
}

function nextReply(port: MessagePort): Promise<EncodeReply> {
  return new Promise((resolve) => {
    port.onmessage = (event: MessageEvent<EncodeReply>) => {
      port.onmessage = null
      port.close()
      resolve(event.data)
    }
  })
}

scope.onmessage = (event) => {
  void handle(event.data)
}

async function handle(request: RunRequest): Promise<void> {
  let ffmpeg: FfmpegCore
  try {
    ffmpeg = await loadCore(request.multiThread)
  } catch (error) {
    post({ type: 'failed', stage: 'load', exitCode: null, message: describe(error), log })
    return
  }
  try {
    await writeResources(ffmpeg, request)
  } catch (error) {
    post({ type: 'failed', stage: 'resources', exitCode: null, message: describe(error), log })
    return
  }
  try {
    await run(ffmpeg, request)
  } catch (error) {
    post({ type: 'failed', stage: 'run', exitCode: null, message: describe(error), log })
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
