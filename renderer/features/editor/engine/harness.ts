import { parseTimeline } from '../../../../shared/timeline'
import type { EngineTestApi, HarnessOutcome, HarnessSpec, HarnessStages } from './harness-api'
import { createExportEngine, ExportError, type ExportEngine, type ExportProgress } from './index'
import { bundledResources } from './bundled-resources'
import { browserCapabilities } from './engine-choice'
import { prepareExport } from './prepare-job'
import { renderTextImages, resourceRecords } from './text-images'
import { mediaFromInput, toBase64 } from '../test-harness-support'

/**
 * Test-only entry (harness.html): exposes the engine to Playwright as window.__reeldeskEngineTest.
 * Files come from the page's file input (setInputFiles), results go back as base64.
 */

/** ffmpeg's log of the current engine, for failing tests to print. */
let ffmpegLog: string[] = []
const withLog = ({ noDecode, ...options }: Parameters<EngineTestApi['reset']>[0] = {}) =>
  createExportEngine({
    ...options,
    onLog: (line) => ffmpegLog.push(line),
    ...(noDecode
      ? {
          capabilities: {
            ...browserCapabilities,
            cannotDecode: () =>
              Promise.resolve('uses a video codec this browser cannot decode (test)'),
          },
        }
      : {}),
  })
let engine: ExportEngine = withLog()
/** The last export's MP4 when the spec asked to keep it in the page (keepOutput). */
let kept: Blob | null = null

async function settle(
  started: number,
  work: () => Promise<{
    blob: Blob
    loadMs: number
    multiThread: boolean
    videoEncoder?: 'webcodecs' | 'x264'
    engine?: 'webcodecs' | 'ffmpeg'
    fallbackReason?: string | null
    stages?: HarnessStages
  }>,
  progress: ExportProgress[],
  keep = false,
): Promise<HarnessOutcome> {
  try {
    const {
      blob,
      loadMs,
      multiThread,
      videoEncoder = 'x264',
      engine = 'webcodecs',
      fallbackReason = null,
      stages = null,
    } = await work()
    kept = keep ? blob : null
    return {
      ok: true,
      base64: keep ? '' : await toBase64(blob),
      bytes: blob.size,
      elapsedMs: Math.round(performance.now() - started),
      loadMs,
      multiThread,
      videoEncoder,
      engine,
      fallbackReason,
      stages,
      progress,
    }
  } catch (error) {
    const code = error instanceof ExportError ? error.code : 'unexpected'
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, code, message, elapsedMs: Math.round(performance.now() - started) }
  }
}

window.__reeldeskEngineTest = {
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
  exportVideo(spec) {
    const started = performance.now()
    const progress: ExportProgress[] = []
    const controller = new AbortController()
    return settle(
      started,
      async () => {
        const result = await engine.export(
          { timeline: spec.timeline, media: mediaFromInput(spec.media), ...pick(spec) },
          (p) => {
            progress.push(p)
            if (spec.cancelAtFraction !== undefined && p.fraction >= spec.cancelAtFraction) {
              controller.abort()
            }
          },
          controller.signal,
        )
        return {
          blob: result.mp4,
          loadMs: result.loadMs,
          multiThread: result.multiThread,
          videoEncoder: result.videoEncoder,
          engine: result.engine,
          fallbackReason: result.fallbackReason,
          ...(result.stages ? { stages: result.stages } : {}),
        }
      },
      progress,
      spec.keepOutput === true,
    )
  },
  outputChunk(offset, length) {
    return kept ? toBase64(kept.slice(offset, offset + length)) : Promise.resolve('')
  },
  cover(spec, atMs) {
    const started = performance.now()
    return settle(
      started,
      async () => ({
        blob: await engine.cover(
          { timeline: spec.timeline, media: mediaFromInput(spec.media) },
          atMs,
        ),
        loadMs: 0,
        multiThread: false,
      }),
      [],
    )
  },
  async plan(spec) {
    const job = { timeline: spec.timeline, media: mediaFromInput(spec.media), ...pick(spec) }
    const texts = await renderTextImages(
      parseTimeline(spec.timeline),
      resourceRecords(bundledResources),
    )
    const prepared = prepareExport(
      job,
      bundledResources,
      // The x264 plan: the benchmark's native anchor runs this same edit through native x264.
      {
        multiThread: true,
        cores: Math.max(1, navigator.hardwareConcurrency || 1),
        webCodecs: false,
      },
      texts,
    )
    const pngs: Record<string, string> = {}
    for (const input of prepared.inputs) {
      if (input.name.startsWith('text'))
        pngs[`/reeldesk/in/${input.name}`] = await toBase64(input.data)
    }
    return { args: prepared.args, files: Object.fromEntries(prepared.names), texts: pngs }
  },
  takeLog() {
    const lines = ffmpegLog
    ffmpegLog = []
    return lines
  },
  reset(options = {}) {
    engine.dispose()
    engine = withLog(options)
  },
}

function pick(spec: HarnessSpec) {
  return {
    ...(spec.preset ? { preset: spec.preset } : {}),
    ...(spec.crf !== undefined ? { crf: spec.crf } : {}),
    ...(spec.quality ? { quality: spec.quality } : {}),
  }
}

const status = document.querySelector('#status')
if (status) status.textContent = 'ready'
