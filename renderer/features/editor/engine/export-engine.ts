import { createLogger } from '../../../../shared/logger'
import { timelineDurationMs, validateTimeline, type Timeline } from '../../../../shared/timeline'
import { createPreviewRenderer } from '../preview/preview-renderer'
import { bundledResources } from './bundled-resources'
import { browserCapabilities, chooseEngine, type Capabilities } from './engine-choice'
import { EtaEstimator } from './eta'
import { ExportError, explainFfmpegFailure } from './export-error'
import {
  neededResources,
  prepareAudio,
  prepareExport,
  type ExportJob,
  type PreparedRun,
  type RenderJob,
  type ResourceUrls,
  type Runtime,
} from './prepare-job'
import { renderTextImages, resourceRecords } from './text-images'
import { DEFAULT_QUALITY, type ExportQuality } from './webcodecs/quality'
import {
  clearExportWork,
  encoderSettings,
  runWebCodecsExport,
  type WebCodecsOutput,
} from './webcodecs/run-export'
import type { EncodeRequest } from './encode-protocol'
import { createFrameRing, FrameRingReader, i420Bytes, type FrameRing } from './frame-ring'
import { progressFraction } from './progress'
import type { RunRequest, WorkerReply } from './worker-protocol'

const log = createLogger('export-engine')

export interface ExportProgress {
  /** 'loading': fetching and compiling the ffmpeg core (first run, or after a cancel). */
  readonly phase: 'loading' | 'rendering' | 'finishing'
  /** 0..1 of the render (loading counts as 0). */
  readonly fraction: number
  /** Output frames encoded so far. */
  readonly frame: number
  readonly totalFrames: number
  /** Estimated time left in ms; null until there is enough progress to tell. */
  readonly etaMs: number | null
  readonly elapsedMs: number
}

export interface ExportResult {
  readonly mp4: Blob
  /** The timeline's length, which the file's duration matches to within a frame. */
  readonly durationMs: number
  readonly frames: number
  /** Wall time of the whole export, including loading the core if it was not loaded. */
  readonly elapsedMs: number
  /** Time spent loading the core for this export (0 when it was already loaded). */
  readonly loadMs: number
  readonly multiThread: boolean
  /** Who encoded the picture: the browser's H.264 encoder, or x264 inside ffmpeg.wasm. */
  readonly videoEncoder: 'webcodecs' | 'x264'
  /**
   * Who made the picture: the WebCodecs engine (the preview's compositor, the browser's decoders
   * and encoder) or ffmpeg.wasm (the compiled filter graph), and why the fallback was taken.
   */
  readonly engine: 'webcodecs' | 'ffmpeg'
  readonly fallbackReason: string | null
  /** The quality setting the browser's encoder used (null for x264 runs). */
  readonly quality: ExportQuality | null
  /** The WebCodecs engine's workers: where each one's time went (absent for ffmpeg.wasm). */
  readonly stages?: WebCodecsOutput['stages']
}

export interface ExportEngine {
  /** Renders the timeline to an MP4 (H.264 + AAC). Rejects with an ExportError. */
  export(
    job: ExportJob,
    onProgress?: (progress: ExportProgress) => void,
    signal?: AbortSignal,
  ): Promise<ExportResult>
  /** One JPEG of the finished picture at timeline time `atMs`, for the post's cover. */
  cover(job: RenderJob, atMs: number, signal?: AbortSignal): Promise<Blob>
  /** Stops the worker; a later call starts a new one. */
  dispose(): void
}

export interface ExportEngineOptions {
  /**
   * Force the single- or multi-thread core. By default the multi-thread core is used when the
   * page is crossOriginIsolated (it needs SharedArrayBuffer) and the single-thread one otherwise.
   */
  readonly multiThread?: boolean
  /** For tests and benchmarks; the bundled fonts and LUTs by default. */
  readonly resources?: ResourceUrls
  /** Receives ffmpeg's log lines as they come (diagnostics; costs a message per line). */
  readonly onLog?: (line: string) => void
  /**
   * The picture's H.264 encoder. `auto` (default): the browser's (WebCodecs) when it takes the
   * job's size and rate and the page can share memory with workers, else x264 in ffmpeg.wasm.
   */
  readonly videoEncoder?: 'auto' | 'webcodecs' | 'x264'
  /**
   * Which engine renders: `auto` (default) the WebCodecs engine unless the job needs ffmpeg.wasm
   * (see engine-choice.ts); `ffmpeg` always the fallback; `webcodecs` fails rather than fall back.
   */
  readonly engine?: 'auto' | 'webcodecs' | 'ffmpeg'
  /** For tests: what the browser is taken to support. */
  readonly capabilities?: Capabilities
  /**
   * For the benchmark: a fixed bitrate (bits/s) for the browser's encoder instead of the quality
   * setting's, to render the compositor's pictures near-losslessly as a reference.
   */
  readonly videoBitrate?: number
}

interface RunOutcome {
  readonly output: ArrayBuffer
  readonly loadMs: number
}

/** The ffmpeg.wasm export engine: one worker, kept loaded between jobs, one job at a time. */
export function createExportEngine(options: ExportEngineOptions = {}): ExportEngine {
  const runtime: Runtime = {
    multiThread:
      options.multiThread ??
      (globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function'),
    cores: Math.max(1, navigator.hardwareConcurrency || 1),
    webCodecs:
      options.videoEncoder !== 'x264' &&
      globalThis.crossOriginIsolated === true &&
      typeof SharedArrayBuffer === 'function' &&
      typeof VideoEncoder === 'function',
  }
  if (options.videoEncoder === 'webcodecs' && !runtime.webCodecs) {
    throw new Error('WebCodecs H.264 encoding needs VideoEncoder and a cross-origin isolated page')
  }
  const resources = options.resources ?? bundledResources
  let worker: { instance: Worker; multiThread: boolean } | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const stopWorker = () => {
    worker?.instance.terminate()
    worker = null
  }

  /** Jobs wait for the previous one: the worker's ffmpeg runs one command at a time. */
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task, task)
    queue = result.catch(() => undefined)
    return result
  }

  function runInWorker(
    prepared: PreparedRun,
    signal: AbortSignal | undefined,
    onReply: (reply: WorkerReply) => void,
    soundPort?: MessagePort,
  ): Promise<RunOutcome> {
    return new Promise<RunOutcome>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled())
      // A worker holds one core; a job for the other core gets a fresh worker.
      if (worker && worker.multiThread !== prepared.multiThread) stopWorker()
      worker ??= {
        instance: new Worker(new URL('./export.worker.ts', import.meta.url), {
          type: 'module',
          name: 'reeldesk-export',
        }),
        multiThread: prepared.multiThread,
      }
      const current = worker.instance
      const split = prepared.split ? startEncoder(prepared.split) : null
      let loadMs = 0
      const finish = (error: ExportError | null, output?: ArrayBuffer) => {
        current.removeEventListener('message', onMessage)
        current.removeEventListener('error', onError)
        signal?.removeEventListener('abort', onAbort)
        split?.stop()
        if (error) reject(error)
        else if (output) resolve({ output, loadMs })
      }
      const onAbort = () => {
        // ffmpeg runs synchronously in the worker: terminating it is the only way to stop it
        // (and it frees the core's memory and its pthread workers with it).
        stopWorker()
        finish(cancelled())
      }
      split?.onCrash((message) => {
        // A dead encoder would leave ffmpeg waiting for room in the ring, and the export worker
        // for the stream: stop both.
        stopWorker()
        finish(new ExportError('encode-failed', `The video encoder stopped: ${message}`))
      })
      const onError = (event: ErrorEvent) => {
        event.preventDefault()
        stopWorker()
        finish(
          new ExportError(
            'worker-crashed',
            `The export worker stopped: ${event.message || 'unknown error'}`,
          ),
        )
      }
      const onMessage = (event: MessageEvent<WorkerReply>) => {
        const reply = event.data
        if (reply.type === 'log') return options.onLog?.(reply.line)
        onReply(reply)
        if (reply.type === 'loaded') loadMs = reply.loadMs
        else if (reply.type === 'done') finish(null, reply.output)
        else if (reply.type === 'failed') {
          // A failed run can leave the core's state inconsistent: start clean next time.
          stopWorker()
          finish(failure(reply, prepared))
        }
      }
      current.addEventListener('message', onMessage)
      current.addEventListener('error', onError)
      signal?.addEventListener('abort', onAbort, { once: true })
      const request: RunRequest = {
        type: 'run',
        multiThread: prepared.multiThread,
        args: prepared.args,
        inputs: prepared.inputs,
        resources: prepared.resources,
        outputPath: prepared.outputPath,
        forwardLog: options.onLog !== undefined,
        ...(split && prepared.split
          ? {
              split: {
                ring: split.ring,
                framesPath: prepared.split.framesPath,
                audioPath: prepared.split.audioPath,
                videoPath: prepared.split.videoPath,
                muxArgs: prepared.split.muxArgs,
                port: split.port,
              },
            }
          : {}),
        ...(soundPort ? { soundPort } : {}),
      }
      current.postMessage(request, [
        ...(split ? [split.port] : []),
        ...(soundPort ? [soundPort] : []),
      ])
    })
  }

  /** The split export as planned, or the x264 one if the browser's encoder refuses the job. */
  async function prepareForEncoder(job: ExportJob, timeline: Timeline): Promise<PreparedRun> {
    const texts = await renderTextImages(timeline, resourceRecords(resources))
    const prepared = prepareExport(job, resources, runtime, texts)
    if (!prepared.split) return prepared
    const { codec, width, height, bitrate, fps } = prepared.split
    const support = await VideoEncoder.isConfigSupported({
      codec,
      width,
      height,
      bitrate,
      framerate: fps,
      avc: { format: 'annexb' },
    }).catch(() => ({ supported: false }))
    if (support.supported) return prepared
    if (options.videoEncoder === 'webcodecs') {
      throw new ExportError(
        'encode-failed',
        `This browser cannot encode ${codec} at ${width}×${height}.`,
      )
    }
    log.info('WebCodecs refused the job; encoding with x264', { codec, width, height })
    return prepareExport(job, resources, { ...runtime, webCodecs: false }, texts)
  }

  type Report = (
    phase: ExportProgress['phase'],
    fraction: number,
    frame: number,
    etaMs: number | null,
  ) => void

  /** The ffmpeg.wasm engine: the compiled filter graph renders, x264 or WebCodecs encodes. */
  async function exportFfmpeg(
    job: ExportJob,
    timeline: Timeline,
    reason: string,
    report: Report,
    started: number,
    signal: AbortSignal | undefined,
  ): Promise<ExportResult> {
    const prepared = await prepareForEncoder(job, timeline)
    const eta = new EtaEstimator()
    let renderStarted = started
    report('loading', 0, 0, null)
    const outcome = await runInWorker(prepared, signal, (reply) => {
      if (reply.type === 'loaded') {
        renderStarted = performance.now()
        log.info('ffmpeg core loaded', { multiThread: reply.multiThread, loadMs: reply.loadMs })
      } else if (reply.type === 'progress') {
        const fraction = progressFraction(reply.stats, prepared)
        const etaMs = eta.update(fraction, performance.now() - renderStarted)
        report(reply.stats.end ? 'finishing' : 'rendering', fraction, reply.stats.frame ?? 0, etaMs)
      }
    })
    report('finishing', 1, prepared.frames, 0)
    return {
      mp4: new Blob([outcome.output], { type: 'video/mp4' }),
      durationMs: prepared.durationMs,
      frames: prepared.frames,
      elapsedMs: Math.round(performance.now() - started),
      loadMs: outcome.loadMs,
      multiThread: prepared.multiThread,
      videoEncoder: prepared.split ? 'webcodecs' : 'x264',
      engine: 'ffmpeg',
      fallbackReason: reason,
      quality: null,
    }
  }

  /** The WebCodecs engine: the preview's compositor at full size, the browser's codecs. */
  async function exportWebCodecs(
    job: ExportJob,
    timeline: Timeline,
    quality: ExportQuality,
    report: Report,
    started: number,
    signal: AbortSignal | undefined,
  ): Promise<ExportResult> {
    const durationMs = timelineDurationMs(timeline)
    const settings = {
      ...encoderSettings(timeline, durationMs, quality),
      ...(options.videoBitrate ? { bitrate: options.videoBitrate } : {}),
    }
    // The sound comes from ffmpeg.wasm running the compiled audio graph alongside the picture,
    // streamed to the mux worker as it is encoded (prepareAudio says why, and why one thread).
    const audioRun = prepareAudio(job)
    const sound = new MessageChannel()
    let loadMs = 0
    const soundMade = runInWorker(audioRun, signal, () => undefined, sound.port1)
      .then((outcome) => void (loadMs = outcome.loadMs))
      // The core is not kept for the next export: its compiled code and memory (~115 MB after
      // a 10-second export, e2e/export-memory) would stay held while the user edits, to save
      // the next export half a second of loading.
      .finally(stopWorker)
    soundMade.catch(() => undefined)
    const fileName = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.mp4`
    await clearExportWork()
    const eta = new EtaEstimator()
    report('rendering', 0, 0, null)
    const { mp4, stages } = await runWebCodecsExport(
      {
        timeline,
        media: Object.fromEntries(
          Object.entries(job.media).map(([id, m]) => [id, { file: m.file, info: m.info }]),
        ),
        settings,
        resources: resourceRecords(resources),
        sound: sound.port2,
        soundMade,
        fileName,
        exportStart: performance.timeOrigin + started,
      },
      (frames) => {
        const fraction = Math.min(0.99, frames / Math.max(1, settings.frames))
        report('rendering', fraction, frames, eta.update(fraction, performance.now() - started))
      },
      signal,
    )
    report('finishing', 1, settings.frames, 0)
    return {
      mp4,
      durationMs,
      frames: settings.frames,
      elapsedMs: Math.round(performance.now() - started),
      loadMs,
      multiThread: audioRun.multiThread,
      videoEncoder: 'webcodecs',
      engine: 'webcodecs',
      fallbackReason: null,
      quality,
      stages,
    }
  }

  return {
    export(job, onProgress, signal) {
      return enqueue(async () => {
        const started = performance.now()
        const timeline = parse(job.timeline)
        let total = 0
        const report: Report = (phase, fraction, frame, etaMs) =>
          onProgress?.({
            phase,
            fraction,
            frame,
            totalFrames: total,
            etaMs,
            elapsedMs: Math.round(performance.now() - started),
          })
        // Fonts and LUTs are checked up front, whichever engine runs: a clear error, not a stall.
        neededResources(timeline, resources)
        const quality = job.quality ?? DEFAULT_QUALITY
        const durationMs = timelineDurationMs(timeline)
        total = Math.round((durationMs * timeline.fps) / 1000)
        const choice = await chooseEngine(
          {
            timeline,
            media: Object.fromEntries(
              Object.entries(job.media).map(([id, m]) => [
                id,
                { file: m.file, name: m.name ?? (m.file instanceof File ? m.file.name : id) },
              ]),
            ),
            settings: encoderSettings(timeline, durationMs, quality),
            ...(job.preset ? { preset: job.preset } : {}),
            ...(job.crf !== undefined ? { crf: job.crf } : {}),
            // x264 asked for by the caller means the ffmpeg.wasm engine.
            prefer: options.videoEncoder === 'x264' ? 'ffmpeg' : (options.engine ?? 'auto'),
          },
          options.capabilities ?? browserCapabilities,
        )
        let result: ExportResult
        if (choice.engine === 'webcodecs') {
          result = await exportWebCodecs(job, timeline, quality, report, started, signal)
        } else {
          if (options.engine === 'webcodecs') {
            throw new ExportError(
              'encode-failed',
              `The WebCodecs engine cannot run this export: ${choice.reason}.`,
            )
          }
          log.info('export falls back to ffmpeg.wasm', { reason: choice.reason })
          result = await exportFfmpeg(job, timeline, choice.reason, report, started, signal)
        }
        log.info('export finished', {
          engine: result.engine,
          elapsedMs: result.elapsedMs,
          durationMs: result.durationMs,
        })
        return result
      })
    },
    cover(job, atMs) {
      return enqueue(async () => {
        const timeline = parse(job.timeline)
        // The compositor's own frame at the playhead, at full size: what the export shows there.
        const renderer = createPreviewRenderer()
        try {
          await renderer.load(
            timeline,
            Object.fromEntries(
              Object.entries(job.media).map(([id, m]) => [id, { file: m.file, info: m.info }]),
            ),
          )
          const lastMs = Math.max(0, timelineDurationMs(timeline) - 1000 / timeline.fps)
          const { bitmap } = await renderer.renderFrame(Math.min(Math.max(0, atMs), lastMs))
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
          canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(bitmap)
          return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })
        } catch (error) {
          throw error instanceof ExportError
            ? error
            : new ExportError(
                'invalid-input',
                `The cover frame could not be made: ${String(error instanceof Error ? error.message : error)}`,
              )
        } finally {
          renderer.dispose()
        }
      })
    },
    dispose() {
      stopWorker()
      void clearExportWork()
    },
  }
}

function parse(input: unknown): Timeline {
  const result = validateTimeline(input)
  if (!result.ok) {
    throw new ExportError('invalid-timeline', `The timeline is invalid: ${result.error}`)
  }
  return result.timeline
}

interface RunningEncoder {
  readonly ring: FrameRing
  /** The export worker's end of the channel the encoded stream comes through. */
  readonly port: MessagePort
  onCrash(handler: (message: string) => void): void
  stop(): void
}

/** One encode worker per split export, joined to the export worker by a MessageChannel. */
function startEncoder(split: NonNullable<PreparedRun['split']>): RunningEncoder {
  const ring = createFrameRing(i420Bytes(split.width, split.height))
  const channel = new MessageChannel()
  const encoder = new Worker(new URL('./encode.worker.ts', import.meta.url), {
    type: 'module',
    name: 'reeldesk-encode',
  })
  const request: EncodeRequest = {
    type: 'encode',
    ring,
    width: split.width,
    height: split.height,
    fps: split.fps,
    codec: split.codec,
    bitrate: split.bitrate,
    port: channel.port1,
  }
  encoder.postMessage(request, [channel.port1])
  return {
    ring,
    port: channel.port2,
    onCrash(handler) {
      encoder.addEventListener('error', (event) => {
        event.preventDefault()
        new FrameRingReader(ring).fail()
        handler(event.message || 'unknown error')
      })
    },
    stop() {
      // Wakes a writer still waiting for room, then ends the worker.
      new FrameRingReader(ring).fail()
      encoder.terminate()
    },
  }
}

function cancelled(): ExportError {
  return new ExportError('cancelled', 'The export was cancelled.')
}

function failure(
  reply: Extract<WorkerReply, { type: 'failed' }>,
  prepared: PreparedRun,
): ExportError {
  const detail = reply.log.join('\n')
  if (reply.stage === 'load') {
    return new ExportError(
      'load-failed',
      `The video engine could not be loaded: ${reply.message}`,
      detail,
    )
  }
  if (reply.stage === 'encode') {
    return new ExportError('encode-failed', `The video encoder failed: ${reply.message}`, detail)
  }
  if (reply.stage === 'resources') {
    return new ExportError(
      'missing-resource',
      `A font or LUT could not be loaded: ${reply.message}`,
      detail,
    )
  }
  if (reply.exitCode === null) {
    return new ExportError(
      'worker-crashed',
      `The render stopped unexpectedly: ${reply.message}`,
      detail,
    )
  }
  const explained = explainFfmpegFailure(reply.exitCode, reply.log, prepared.names)
  return new ExportError(explained.code, explained.message, detail)
}
