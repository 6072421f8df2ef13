import type { EngineTestApi, HarnessOutcome, HarnessSpec } from './harness-api'
import { createExportEngine, ExportError, type ExportEngine, type ExportProgress } from './index'
import { bundledResources } from './bundled-resources'
import { prepareExport } from './prepare-job'
import { mediaFromInput, toBase64 } from '../test-harness-support'

/**
 * Test-only entry (harness.html): exposes the engine to Playwright as window.__reeldeskEngineTest.
 * Files come from the page's file input (setInputFiles), results go back as base64.
 */

/** ffmpeg's log of the current engine, for failing tests to print. */
let ffmpegLog: string[] = []
const withLog = (options: Parameters<EngineTestApi['reset']>[0] = {}) =>
  createExportEngine({ ...options, onLog: (line) => ffmpegLog.push(line) })
let engine: ExportEngine = withLog()

async function settle(
  started: number,
  work: () => Promise<{
    blob: Blob
    loadMs: number
    multiThread: boolean
    videoEncoder?: 'webcodecs' | 'x264'
  }>,
  progress: ExportProgress[],
): Promise<HarnessOutcome> {
  try {
    const { blob, loadMs, multiThread, videoEncoder = 'x264' } = await work()
    return {
      ok: true,
      base64: await toBase64(blob),
      bytes: blob.size,
      elapsedMs: Math.round(performance.now() - started),
      loadMs,
      multiThread,
      videoEncoder,
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
        }
      },
      progress,
    )
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
  plan(spec) {
    const prepared = prepareExport(
      { timeline: spec.timeline, media: mediaFromInput(spec.media), ...pick(spec) },
      bundledResources,
      // The x264 plan: the benchmark's native anchor runs this same edit through native x264.
      {
        multiThread: true,
        cores: Math.max(1, navigator.hardwareConcurrency || 1),
        webCodecs: false,
      },
    )
    return { args: prepared.args, files: Object.fromEntries(prepared.names) }
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
  }
}

const status = document.querySelector('#status')
if (status) status.textContent = 'ready'
