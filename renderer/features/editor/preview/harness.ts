import { parseTimeline } from '../../../../shared/timeline'
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

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

window.__reeldeskPreviewTest = {
  async load(spec, options) {
    try {
      renderer?.dispose()
      renderer = createPreviewRenderer()
      const colorPath = await renderer.load(
        parseTimeline(spec.timeline),
        mediaFromInput(spec.media),
        options,
      )
      return { ok: true, colorPath }
    } catch (error) {
      return { ok: false, message: message(error) }
    }
  },
  async renderPng(timeMs) {
    try {
      if (!renderer) throw new Error('load a timeline first')
      const started = performance.now()
      const { frame, bitmap } = await renderer.renderFrame(timeMs)
      const renderMs = Math.round(performance.now() - started)
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      const ctx = canvas.getContext('bitmaprenderer')
      if (!ctx) throw new Error('no bitmaprenderer context')
      ctx.transferFromImageBitmap(bitmap)
      const png = await toBase64(await canvas.convertToBlob({ type: 'image/png' }))
      return { ok: true, frame, png, renderMs, colorPath: renderer.colorPath() }
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
}

const status = document.querySelector('#status')
if (status) status.textContent = 'ready'
