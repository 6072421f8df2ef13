import { canvasSize, parseTimeline, type Timeline } from '../../../../shared/timeline'
import type { ColorPathReport } from './color-path'
import { Compositor } from './compositor'
import { planFrame, type PreviewMediaMap } from './frame-plan'
import { cacheKey, frameCacheFor, keepOnlyCaches, keptRegion, whileRendering } from './frame-cache'
import type { ClipLayer } from './frame-plan'
import { VideoFrameSource } from './frame-source'
import { OverlayCache } from './overlay-cache'
import type { PixelPassRunner } from './pixel-pass-runner'
import type { FrameTiming, LoadRequest } from './preview-protocol'
import { contextFonts, loadResources } from './resources'

/**
 * One loaded timeline in the worker: its decoders, overlays, fonts and LUTs, and the compositor.
 * Decoders are opened lazily, on the first frame that needs them. The pixel-pass runner (and its
 * WebGL context, if any) belongs to the worker and outlives sessions: the preview reloads on
 * every edit, and compiled shaders should survive that.
 */
export class PreviewSession {
  private readonly videos = new Map<string, Promise<VideoFrameSource>>()
  private readonly compositor: Compositor
  private readonly overlays: OverlayCache
  private readonly media: PreviewMediaMap

  private constructor(
    private readonly timeline: Timeline,
    private readonly request: LoadRequest,
    private readonly luts: Awaited<ReturnType<typeof loadResources>>,
    private readonly pixels: PixelPassRunner,
  ) {
    const size = canvasSize(timeline.canvas)
    this.compositor = new Compositor(size, pixels, { scale: request.scale ?? 1 })
    this.overlays = new OverlayCache(size, (mediaId) => this.file(mediaId))
    this.media = Object.fromEntries(Object.entries(request.media).map(([id, m]) => [id, m.info]))
  }

  static async load(request: LoadRequest, pixels: PixelPassRunner): Promise<PreviewSession> {
    const timeline = parseTimeline(request.timeline)
    keepOnlyCaches(new Set(Object.entries(request.media).map(([id, m]) => cacheKey(id, m.file))))
    const luts = await loadResources(timeline, request, contextFonts())
    return new PreviewSession(timeline, request, luts, pixels)
  }

  /** Draws the frame shown at `timeMs` and hands it over (the canvas is redrawn next time). */
  async render(timeMs: number): Promise<{
    frame: number
    bitmap: ImageBitmap
    colorPath: ColorPathReport
    kept: boolean
    timing: FrameTiming
  }> {
    return whileRendering(async () => {
      const started = performance.now()
      let sourceMs = 0
      const plan = planFrame(this.timeline, this.media, timeMs)
      let videos = 0
      let kept = 0
      await this.compositor.render(plan, {
        luts: this.luts,
        frame: async (layer) => {
          const asked = performance.now()
          try {
            const sample = await this.sample(layer)
            videos++
            if (keptRegion(sample)) kept++
            return sample
          } finally {
            sourceMs += performance.now() - asked
          }
        },
        image: (layer) => this.overlays.image(layer),
        text: (text) => this.overlays.text(text),
      })
      const bitmap = this.compositor.canvas.transferToImageBitmap()
      const drawMs = performance.now() - started - sourceMs
      return {
        frame: plan.frame,
        bitmap,
        colorPath: this.pixels.report,
        kept: videos > 0 && kept === videos,
        timing: { sourceMs, drawMs },
      }
    })
  }

  /** The clip's source frame; from the preview-size cache where it is drawn small enough. */
  private async sample(layer: ClipLayer) {
    const video = await this.video(layer.mediaId)
    const { visible, sourceVisible } = layer.placement
    const drawScale =
      (this.request.scale ?? 1) *
      Math.max(visible.width / sourceVisible.width, visible.height / sourceVisible.height)
    // Only the editor's preview, drawn below full size, keeps frames: covers (and the parity
    // harness) draw at full size and decode, as the export does.
    const keep = this.request.keepFrames !== false && (this.request.scale ?? 1) < 1
    const cache = !keep
      ? null
      : frameCacheFor(
          cacheKey(layer.mediaId, this.file(layer.mediaId)),
          layer.source,
          sourceVisible,
          drawScale,
        )
    if (cache) video.useCache(cache)
    return video.sampleAt(layer.decodeSec, { region: sourceVisible, scale: drawScale })
  }

  dispose(): void {
    for (const video of this.videos.values()) {
      video.then((v) => v.dispose()).catch(() => undefined)
    }
    this.overlays.dispose()
  }

  private file(mediaId: string): Blob {
    const media = Object.hasOwn(this.request.media, mediaId)
      ? this.request.media[mediaId]
      : undefined
    if (!media) throw new Error(`media "${mediaId}" was not given to the preview`)
    return media.file
  }

  private video(mediaId: string): Promise<VideoFrameSource> {
    const cached = this.videos.get(mediaId)
    if (cached) return cached
    const opened = Promise.resolve()
      .then(() => VideoFrameSource.open(this.file(mediaId)))
      .catch((error: unknown) => {
        this.videos.delete(mediaId)
        throw new Error(`media "${mediaId}" cannot be read: ${String(error)}`)
      })
    this.videos.set(mediaId, opened)
    return opened
  }
}
