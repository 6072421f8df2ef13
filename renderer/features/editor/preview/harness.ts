import { parseTimeline, timelineDurationMs, type Timeline } from '../../../../shared/timeline'
import { createPlaybackDriver } from './playback-driver'
import { createPreviewRenderer, type PreviewRenderer } from './preview-renderer'
import { mediaFromInput, toBase64 } from '../test-harness-support'
import { comparePixelPaths, diffPngs } from './harness-pixel-paths'
import { PixelPassRunner } from './pixel-pass-runner'

/**
 * Test-only entry (harness.html): exposes the preview renderer to Playwright as
 * window.__reeldeskPreviewTest. Files come from the page's file input (setInputFiles); frames go
 * back as base64 PNGs so the test can compare them with ffmpeg's.
 */
let renderer: PreviewRenderer | null = null
let loadedTimeline: Timeline | null = null

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return Number((sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1))
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

window.__reeldeskPreviewTest = {
  async load(spec, options) {
    try {
      renderer?.dispose()
      renderer = createPreviewRenderer()
      loadedTimeline = parseTimeline(spec.timeline)
      const colorPath = await renderer.load(loadedTimeline, mediaFromInput(spec.media), options)
      return { ok: true, colorPath }
    } catch (error) {
      return { ok: false, message: message(error) }
    }
  },
  async renderPng(timeMs) {
    try {
      if (!renderer) throw new Error('load a timeline first')
      const started = performance.now()
      const { frame, bitmap, kept } = await renderer.renderFrame(timeMs)
      const renderMs = Math.round(performance.now() - started)
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      const ctx = canvas.getContext('bitmaprenderer')
      if (!ctx) throw new Error('no bitmaprenderer context')
      ctx.transferFromImageBitmap(bitmap)
      const png = await toBase64(await canvas.convertToBlob({ type: 'image/png' }))
      return {
        ok: true,
        frame,
        png,
        renderMs,
        colorPath: renderer.colorPath(),
        kept: kept === true,
      }
    } catch (error) {
      return { ok: false, message: message(error) }
    }
  },
  async probeColorPath(preference) {
    const runner = new PixelPassRunner(preference)
    const report = runner.report
    runner.dispose()
    return report
  },
  async comparePixelPaths(spec) {
    try {
      return await comparePixelPaths(spec)
    } catch (error) {
      return { ok: false, message: message(error) }
    }
  },
  diffPngs,
  async playBenchmark() {
    if (!renderer || !loadedTimeline) throw new Error('load a timeline first')
    const preview = renderer
    const timeline = loadedTimeline
    const durationMs = timelineDurationMs(timeline)
    const total = Math.round((durationMs * timeline.fps) / 1000)
    const shown = new Set<number>()
    const canvas = document.createElement('canvas')
    const ctx = canvas.getContext('bitmaprenderer')
    const rounds: number[] = []
    const sources: number[] = []
    const draws: number[] = []
    const started = performance.now()
    await new Promise<void>((resolve) => {
      const driver = createPlaybackDriver({
        durationMs,
        fps: timeline.fps,
        renderFrame: async (ms) => {
          const asked = performance.now()
          const rendered = await preview.renderFrame(ms)
          rounds.push(performance.now() - asked)
          if (rendered.timing) {
            sources.push(rendered.timing.sourceMs)
            draws.push(rendered.timing.drawMs)
          }
          return rendered
        },
        onFrame: ({ frame, bitmap }) => {
          // Shown as the editor shows it: handed to a bitmaprenderer canvas.
          ctx?.transferFromImageBitmap(bitmap)
          shown.add(frame)
        },
        onState: (state) => {
          if (!state.playing && performance.now() - started > 100) {
            driver.dispose()
            resolve()
          }
        },
      })
      driver.dispatch({ type: 'play' })
    })
    const elapsedMs = performance.now() - started
    return {
      shown: shown.size,
      total,
      elapsedMs: Math.round(elapsedMs),
      fps: Number(((shown.size * 1000) / elapsedMs).toFixed(1)),
      dropped: Number((1 - shown.size / Math.max(1, total)).toFixed(3)),
      rendered: rounds.length,
      renderMs: median(rounds),
      sourceMs: median(sources),
      drawMs: median(draws),
    }
  },
}

const status = document.querySelector('#status')
if (status) status.textContent = 'ready'
