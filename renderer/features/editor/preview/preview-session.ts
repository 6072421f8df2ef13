import { canvasSize, parseTimeline, type Timeline } from '../../../../shared/timeline'
import type { ColorPathReport } from './color-path'
import { Compositor, type CompositorSources } from './compositor'
import { planFrame, type PreviewMediaMap } from './frame-plan'
import { VideoFrameSource } from './frame-source'
import { parseCube, type Lut3d } from './lut'
import type { PixelPassRunner } from './pixel-pass-runner'
import type { LoadRequest } from './preview-protocol'
import { fontFamily } from './text-layout'

/**
 * One loaded timeline in the worker: its decoders, images, fonts and LUTs, and the compositor.
 * Decoders are opened lazily, on the first frame that needs them. The pixel-pass runner (and its
 * WebGL context, if any) belongs to the worker and outlives sessions: the preview reloads on
 * every edit, and compiled shaders should survive that.
 */
export class PreviewSession {
  private readonly videos = new Map<string, Promise<VideoFrameSource>>()
  private readonly images = new Map<string, Promise<ImageBitmap>>()
  private readonly compositor: Compositor
  private readonly sources: CompositorSources

  private constructor(
    private readonly timeline: Timeline,
    private readonly request: LoadRequest,
    luts: ReadonlyMap<string, Lut3d>,
    private readonly pixels: PixelPassRunner,
  ) {
    this.compositor = new Compositor(canvasSize(timeline.canvas), pixels)
    this.sources = {
      luts,
      video: (mediaId) => this.memo(this.videos, mediaId, (file) => VideoFrameSource.open(file)),
      image: (mediaId) => this.memo(this.images, mediaId, (file) => createImageBitmap(file)),
    }
  }

  static async load(request: LoadRequest, pixels: PixelPassRunner): Promise<PreviewSession> {
    const timeline = parseTimeline(request.timeline)
    const lutFiles = new Set<string>()
    for (const clip of timeline.clips) {
      for (const e of clip.effects) if (e.type === 'lut') lutFiles.add(e.file)
    }
    for (const e of timeline.effects) if (e.type === 'lut') lutFiles.add(e.file)
    const fontFiles = new Set(timeline.texts.map((t) => t.font))
    const luts = new Map<string, Lut3d>()
    await Promise.all([
      ...[...lutFiles].map(async (file) => {
        const response = await fetchResource(request.luts, file, 'LUT')
        luts.set(file, parseCube(await response.text()))
      }),
      ...[...fontFiles].map(async (file) => {
        const response = await fetchResource(request.fonts, file, 'font')
        const face = new FontFace(fontFamily(file), await response.arrayBuffer())
        fontSet().add(await face.load())
      }),
    ])
    return new PreviewSession(timeline, request, luts, pixels)
  }

  /** Draws the frame shown at `timeMs` and hands it over (the canvas is redrawn next time). */
  async render(
    timeMs: number,
  ): Promise<{ frame: number; bitmap: ImageBitmap; colorPath: ColorPathReport }> {
    const media: PreviewMediaMap = Object.fromEntries(
      Object.entries(this.request.media).map(([id, m]) => [id, m.info]),
    )
    const plan = planFrame(this.timeline, media, timeMs)
    await this.compositor.render(plan, this.sources)
    const bitmap = this.compositor.canvas.transferToImageBitmap()
    return { frame: plan.frame, bitmap, colorPath: this.pixels.report }
  }

  dispose(): void {
    for (const video of this.videos.values()) {
      video.then((v) => v.dispose()).catch(() => undefined)
    }
    for (const image of this.images.values()) {
      image.then((i) => i.close()).catch(() => undefined)
    }
  }

  private memo<T>(
    cache: Map<string, Promise<T>>,
    mediaId: string,
    open: (file: Blob) => Promise<T>,
  ) {
    const cached = cache.get(mediaId)
    if (cached) return cached
    const media = Object.hasOwn(this.request.media, mediaId)
      ? this.request.media[mediaId]
      : undefined
    const opened = media
      ? open(media.file).catch((error: unknown) => {
          cache.delete(mediaId)
          throw new Error(`media "${mediaId}" cannot be read: ${String(error)}`)
        })
      : Promise.reject(new Error(`media "${mediaId}" was not given to the preview`))
    cache.set(mediaId, opened)
    return opened
  }
}

async function fetchResource(
  urls: Readonly<Record<string, string>>,
  file: string,
  what: string,
): Promise<Response> {
  const url = Object.hasOwn(urls, file) ? urls[file] : undefined
  if (!url) throw new Error(`${what} "${file}" is not shipped with the app`)
  const response = await fetch(url)
  if (!response.ok) throw new Error(`${what} "${file}" could not be loaded (${response.status})`)
  return response
}

/** The worker's FontFaceSet (WorkerGlobalScope.fonts; the DOM typings only know document.fonts). */
function fontSet(): FontFaceSet {
  const scope: unknown = globalThis
  if (typeof scope === 'object' && scope !== null && 'fonts' in scope) {
    const fonts = scope.fonts
    if (fonts instanceof FontFaceSet) return fonts
  }
  throw new Error('this context cannot register fonts')
}
