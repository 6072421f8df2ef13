import { canvasSize, h264Level, type Timeline } from '../../../../../shared/timeline'
import type { PreviewMediaInfo } from '../../preview/frame-plan'
import type { ResourceUrlMap } from '../../preview/resources'
import { avcCodecString } from '../encode-protocol'
import { ExportError } from '../export-error'
import { levelIdcOf } from './avc-level'
import type {
  ComposeStart,
  DecodeStart,
  MuxStart,
  StageName,
  StageTime,
  WorkerReport,
} from './protocol'
import { videoBitrate, type ExportQuality } from './quality'

/** The browser's encoder settings for a timeline: the canvas, its rate, High profile at its level. */
export interface EncoderSettings {
  readonly width: number
  readonly height: number
  readonly fps: number
  readonly frames: number
  readonly codec: string
  readonly level: string
  readonly bitrate: number
}

export function encoderSettings(
  timeline: Timeline,
  durationMs: number,
  quality: ExportQuality,
): EncoderSettings {
  const { width, height } = canvasSize(timeline.canvas)
  const level = h264Level(width, height, timeline.fps)
  return {
    width,
    height,
    fps: timeline.fps,
    frames: Math.round((durationMs * timeline.fps) / 1000),
    codec: avcCodecString(level),
    level,
    bitrate: videoBitrate(quality, width, height, timeline.fps),
  }
}

export interface WebCodecsJob {
  readonly timeline: Timeline
  readonly media: Readonly<Record<string, { readonly file: Blob; readonly info: PreviewMediaInfo }>>
  readonly settings: EncoderSettings
  readonly resources: ResourceUrlMap
  /**
   * The sound, streamed as ffmpeg.wasm makes it from the compiled audio graph (AAC in ADTS
   * frames, SoundChunk messages): handed to the mux worker.
   */
  readonly sound: MessagePort
  /** Settles when ffmpeg has finished the sound; a rejection stops the export with its reason. */
  readonly soundMade: Promise<unknown>
  /** Where the MP4 is written: a file name in the private file system's export-work folder. */
  readonly fileName: string
  /** When the export started (epoch ms): the workers' spans are measured from it. */
  readonly exportStart: number
}

/** Frames the decoder may run ahead of the compositor, and the compositor ahead of the encoder. */
const DECODE_AHEAD = 3
const COMPOSE_AHEAD = 2

const STAGE_NAMES = { decode: 'decoding', compose: 'drawing', encode: 'encoding' } as const

/**
 * Runs the three workers of a WebCodecs export and resolves with the MP4. Cancelling (the
 * signal) or any failure terminates all three at once: their frames, decoders and encoder go
 * with them.
 */
export interface WebCodecsOutput {
  readonly mp4: Blob
  /** Where each worker's time went (stage-clock.ts): the one that hardly waits bounds the export. */
  readonly stages: Readonly<Partial<Record<StageName, StageTime>>>
}

export function runWebCodecsExport(
  job: WebCodecsJob,
  onFrames: (frames: number) => void,
  signal?: AbortSignal,
): Promise<WebCodecsOutput> {
  return new Promise<WebCodecsOutput>((resolve, reject) => {
    const stages: Partial<Record<StageName, StageTime>> = {}
    if (signal?.aborted) return reject(new ExportError('cancelled', 'The export was cancelled.'))
    // Written out in full: the bundler finds workers by this exact `new Worker(new URL(…))` form.
    const decoder = new Worker(new URL('./decode.worker.ts', import.meta.url), {
      type: 'module',
      name: 'reeldesk-decode',
    })
    const composer = new Worker(new URL('./compose.worker.ts', import.meta.url), {
      type: 'module',
      name: 'reeldesk-compose',
    })
    const muxer = new Worker(new URL('./mux.worker.ts', import.meta.url), {
      type: 'module',
      name: 'reeldesk-mux',
    })
    const workers = [decoder, composer, muxer]
    let settled = false
    const stop = () => {
      for (const worker of workers) worker.terminate()
      signal?.removeEventListener('abort', onAbort)
    }
    const fail = (error: ExportError) => {
      if (settled) return
      settled = true
      stop()
      reject(error)
    }
    const onAbort = () => fail(new ExportError('cancelled', 'The export was cancelled.'))
    signal?.addEventListener('abort', onAbort, { once: true })

    const onReport = (event: MessageEvent<WorkerReport>) => {
      const report = event.data
      if (report.type === 'progress') onFrames(report.frames)
      else if (report.type === 'stage') stages[report.stage] = report.time
      else if (report.type === 'failed') {
        const code = report.stage === 'encode' ? 'encode-failed' : 'invalid-input'
        fail(
          new ExportError(
            code,
            `The export stopped while ${STAGE_NAMES[report.stage]}: ${report.message}`,
          ),
        )
      } else if (report.type === 'done' && !settled) {
        settled = true
        stop()
        onFrames(report.frames)
        resolve({ mp4: report.mp4, stages })
      }
    }
    for (const worker of workers) {
      worker.onmessage = onReport
      worker.onerror = (event) => {
        event.preventDefault()
        fail(
          new ExportError(
            'worker-crashed',
            `An export worker stopped: ${event.message || 'unknown error'}`,
          ),
        )
      }
    }

    const { timeline, settings } = job
    const info = Object.fromEntries(Object.entries(job.media).map(([id, m]) => [id, m.info]))
    const spec = { timeline, media: info, frames: settings.frames }
    // The decoder reads every video the picture shows: the main track's and the overlay tracks'.
    const clipIds = new Set([...timeline.clips, ...timeline.overlays].map((c) => c.mediaId))
    const imageIds = new Set(timeline.images.map((i) => i.mediaId))
    const files = (ids: Set<string>) =>
      Object.fromEntries(
        Object.entries(job.media).flatMap(([id, m]) => (ids.has(id) ? [[id, m.file]] : [])),
      )
    const decoded = new MessageChannel()
    const composed = new MessageChannel()

    const muxStart: MuxStart = {
      type: 'start',
      exportStart: job.exportStart,
      frames: settings.frames,
      fps: settings.fps,
      width: settings.width,
      height: settings.height,
      codec: settings.codec,
      levelIdc: levelIdcOf(settings.level),
      bitrate: settings.bitrate,
      composed: composed.port2,
      target: { kind: 'opfs', name: job.fileName },
      sound: job.sound,
    }
    muxer.postMessage(muxStart, [composed.port2, job.sound])
    const composeStart: ComposeStart = {
      type: 'start',
      exportStart: job.exportStart,
      job: spec,
      files: files(imageIds),
      resources: job.resources,
      decoded: decoded.port2,
      encoded: composed.port1,
      credits: COMPOSE_AHEAD,
    }
    composer.postMessage(composeStart, [decoded.port2, composed.port1])
    const decodeStart: DecodeStart = {
      type: 'start',
      exportStart: job.exportStart,
      job: spec,
      files: files(clipIds),
      port: decoded.port1,
      credits: DECODE_AHEAD,
    }
    decoder.postMessage(decodeStart, [decoded.port1])

    job.soundMade.catch((error: unknown) =>
      fail(
        error instanceof ExportError
          ? error
          : new ExportError('ffmpeg-failed', `The sound could not be made: ${String(error)}`),
      ),
    )
  })
}

/** Removes finished or abandoned MP4s of earlier exports (a cancelled export leaves its file). */
export async function clearExportWork(keep?: string): Promise<void> {
  try {
    const root = await navigator.storage.getDirectory()
    const folder = await root.getDirectoryHandle('export-work', { create: true })
    const names: string[] = []
    // keys() is in DOM.AsyncIterable, which the renderer's typings leave out.
    const listed = folder as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }
    for await (const name of listed.keys()) if (name !== keep) names.push(name)
    for (const name of names) await folder.removeEntry(name).catch(() => undefined)
  } catch {
    // No private file system: nothing was written there.
  }
}
