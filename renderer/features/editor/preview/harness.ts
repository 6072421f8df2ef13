import { parseTimeline } from '../../../../shared/timeline'
import type { PreviewHarnessSpec } from './harness-api'
import type { PreviewMediaFile } from './preview-protocol'
import { createPreviewRenderer, type PreviewRenderer } from './preview-renderer'

/**
 * Test-only entry (harness.html): exposes the preview renderer to Playwright as
 * window.__reeldeskPreviewTest. Files come from the page's file input (setInputFiles); frames go
 * back as base64 PNGs so the test can compare them with ffmpeg's.
 */
let renderer: PreviewRenderer | null = null

function mediaFromInput(spec: PreviewHarnessSpec): Record<string, PreviewMediaFile> {
  const input = document.querySelector<HTMLInputElement>('#files')
  const files = [...(input?.files ?? [])]
  const media: Record<string, PreviewMediaFile> = {}
  for (const [mediaId, { file, info }] of Object.entries(spec.media)) {
    const found = files.find((f) => f.name === file)
    if (!found) throw new Error(`test harness: no file "${file}" in the input`)
    media[mediaId] = { file: found, info }
  }
  return media
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

window.__reeldeskPreviewTest = {
  async load(spec) {
    try {
      renderer?.dispose()
      renderer = createPreviewRenderer()
      await renderer.load(parseTimeline(spec.timeline), mediaFromInput(spec))
      return { ok: true }
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
      return { ok: true, frame, png, renderMs }
    } catch (error) {
      return { ok: false, message: message(error) }
    }
  },
}

const status = document.querySelector('#status')
if (status) status.textContent = 'ready'
