import type { CanvasSize, TextOverlay } from '../../../../shared/timeline'
import { VideoSample } from 'mediabunny'
import type { EffectPass } from './effect-passes'
import { cropSample, type CroppedImage } from './frame-source'
import type { ClipLayer, FramePlan, ImageLayer } from './frame-plan'
import type { Lut3d } from './lut'
import type { PerPixelEffectPass } from './pixel-passes'
import type { PixelPassRunner } from './pixel-pass-runner'
import { cbTable, measureCbFactor, needsCbFix } from './chroma-fix'
import {
  applyPlaneTables,
  changesNothing,
  hasPlanes,
  planeTablesFor,
  type PlaneTables,
} from './plane-color'
import type { RenderedText } from './text-raster'
import { PlaneCompositor, planePlan, type FrameTiming } from './plane-compositor'

/**
 * Draws a FramePlan on an OffscreenCanvas of the timeline's size with canvas 2D. Runs in a
 * worker: the preview shows the canvas (transferToImageBitmap); the export wraps it in a
 * VideoFrame for the H.264 encoder. All numbers come from the pure planners; this is drawing
 * only. eq-type colour runs on the source's own planes (plane-color.ts); other colour and the
 * vignette go through `pixels` (CPU, or WebGL2 where a GPU exists: the same picture).
 */
export interface CompositorSources {
  /** The decoded source frame a clip layer shows (the compositor closes it). */
  frame(layer: ClipLayer): Promise<VideoSample>
  /** An image overlay at its placed size, decoded and scaled once. */
  image(layer: ImageLayer): Promise<CanvasImageSource>
  /** A text overlay, rendered once (text-raster.ts). */
  text(text: TextOverlay): RenderedText
  readonly luts: ReadonlyMap<string, Lut3d>
}

export interface CompositorOptions {
  /**
   * CPU-backed canvases (willReadFrequently): the CPU pixel passes read pixels back every frame.
   * Without it the browser may raster where it likes (its GPU process), which the export uses
   * when no pass reads back.
   */
  readonly readback?: boolean
  /**
   * Draw at this fraction of the timeline's size (the preview draws at its display size; the
   * export at 1). Every placement stays in timeline pixels: the canvas transform scales them.
   */
  readonly scale?: number
  /**
   * Draw frames the Y'CbCr path can carry on planes (plane-compositor.ts) when asked for a
   * VideoFrame (`frame`): the export's encoder takes them as they are.
   */
  readonly planes?: boolean
}

/** How many frames each path drew, and why the canvas drew the ones it did. */
export interface PathCounts {
  planes: number
  canvas: number
  readonly reasons: Record<string, number>
}

type Ctx = OffscreenCanvasRenderingContext2D

function context2d(canvas: OffscreenCanvas, readback: boolean): Ctx {
  const ctx = canvas.getContext('2d', { willReadFrequently: readback })
  if (!ctx) throw new Error('OffscreenCanvas 2D is not available')
  ctx.imageSmoothingQuality = 'high'
  return ctx
}

/** A reusable canvas resized on demand (resizing also clears it). */
class Scratch {
  readonly canvas = new OffscreenCanvas(2, 2)
  readonly ctx: Ctx
  constructor(readback = true) {
    this.ctx = context2d(this.canvas, readback)
  }
  sized(width: number, height: number): Ctx {
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width
      this.canvas.height = height
      this.ctx.imageSmoothingQuality = 'high'
    } else {
      this.ctx.reset()
      this.ctx.imageSmoothingQuality = 'high'
    }
    return this.ctx
  }
}

export class Compositor {
  readonly canvas: OffscreenCanvas
  private readonly ctx: Ctx
  private readonly layers: Scratch[]
  private readonly source = new Scratch()
  private readonly visible = new Scratch()
  private readonly blur = new Scratch()
  /** Reused for the plane path's copy of a frame (VideoFrame copies it again on creation). */
  private readonly planes = { buffer: new Uint8Array(0) }
  /** The browser's BT.709 blue, corrected on the planes (chroma-fix.ts); null if exact. */
  private readonly cbFix = cbTable(measureCbFactor())

  private readonly scale: number
  private readonly yuv: PlaneCompositor | null
  readonly paths: PathCounts = { planes: 0, canvas: 0, reasons: {} }

  constructor(
    size: CanvasSize,
    private readonly pixels: PixelPassRunner,
    options: CompositorOptions = {},
  ) {
    const readback = options.readback ?? true
    this.scale = options.scale ?? 1
    if (!(this.scale > 0 && this.scale <= 1)) throw new Error(`bad compositor scale ${this.scale}`)
    this.canvas = new OffscreenCanvas(
      scaledSize(size.width, this.scale),
      scaledSize(size.height, this.scale),
    )
    this.ctx = context2d(this.canvas, readback)
    this.layers = [new Scratch(readback), new Scratch(readback)]
    this.yuv = options.planes && this.scale === 1 ? new PlaneCompositor() : null
  }

  /**
   * One output frame of `plan` as a VideoFrame the caller closes: drawn on Y'CbCr planes where
   * that path carries the plan, else on the canvas (and snapshotted from it).
   */
  async frame(
    plan: FramePlan,
    sources: CompositorSources,
    timing: FrameTiming,
  ): Promise<VideoFrame> {
    const tables = this.yuv ? planePlan(plan) : 'not asked'
    const [clip] = plan.clips
    if (this.yuv && typeof tables !== 'string' && clip) {
      const sample = await sources.frame(clip)
      let handed = false
      try {
        const made = await this.yuv.render(plan, tables, clip, sample, sources, timing)
        if (made) {
          this.paths.planes++
          return made
        }
        // Not a frame the plane path takes: the canvas draws it from the same sample (and closes it).
        handed = true
        const same = (layer: ClipLayer) =>
          layer === clip ? Promise.resolve(sample) : sources.frame(layer)
        await this.render(plan, { ...sources, frame: same })
        this.count('frame kind')
        return new VideoFrame(this.canvas, timing)
      } finally {
        if (!handed) sample.close()
      }
    }
    await this.render(plan, sources)
    if (this.yuv) this.count(typeof tables === 'string' ? tables : 'frame kind')
    return new VideoFrame(this.canvas, timing)
  }

  private count(reason: string): void {
    this.paths.canvas++
    this.paths.reasons[reason] = (this.paths.reasons[reason] ?? 0) + 1
  }

  async render(plan: FramePlan, sources: CompositorSources): Promise<void> {
    const { ctx, canvas, scale } = this
    const width = scaledSize(plan.canvas.width, scale)
    const height = scaledSize(plan.canvas.height, scale)
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width
      canvas.height = height
    }
    ctx.reset()
    ctx.imageSmoothingQuality = 'high'
    ctx.setTransform(scale, 0, 0, scale, 0, 0)
    ctx.fillStyle = '#000000'
    ctx.fillRect(0, 0, plan.canvas.width, plan.canvas.height)

    const [only] = plan.clips
    let global = plan.global
    if (
      plan.clips.length === 1 &&
      only &&
      only.layer.alpha === 1 &&
      !only.layer.dx &&
      !only.layer.dy
    ) {
      // Whole-picture eq-type colour over one clip that covers the canvas is the same colour on
      // that clip's planes (per-pixel colour commutes with scaling, as the compiler relies on).
      // Not with overlay videos on top: the global look covers them too.
      const folded = plan.overlays.length === 0 ? foldableGlobal(only, plan) : null
      const done = await this.drawClip(only, ctx, sources, folded)
      if (done && folded) global = []
    } else {
      // Each clip of a transition is a whole padded picture (black included) before blending.
      for (const [i, clip] of plan.clips.entries()) {
        const scratch = this.layers[i % 2] ?? new Scratch()
        const layer = scratch.sized(canvas.width, canvas.height)
        layer.setTransform(scale, 0, 0, scale, 0, 0)
        layer.fillStyle = '#000000'
        layer.fillRect(0, 0, plan.canvas.width, plan.canvas.height)
        await this.drawClip(clip, layer, sources)
        ctx.globalAlpha = clip.layer.alpha
        const { width: w, height: h } = plan.canvas
        ctx.drawImage(scratch.canvas, clip.layer.dx, clip.layer.dy, w, h)
        ctx.globalAlpha = 1
      }
    }
    // Overlay-track videos (picture-in-picture), lowest track first, under the global look.
    for (const overlay of plan.overlays) {
      ctx.globalAlpha = overlay.opacity
      await this.drawClip(overlay.clip, ctx, sources)
      ctx.globalAlpha = 1
    }
    this.applyPasses(canvas, ctx, global, sources.luts)

    // Overlays are pictures made once (scaled image, rendered text): drawing them is a blit.
    for (const image of plan.images) {
      const picture = await sources.image(image)
      ctx.globalAlpha = image.opacity
      ctx.drawImage(picture, image.placement.x, image.placement.y)
      ctx.globalAlpha = 1
    }
    for (const text of plan.texts) {
      const rendered = sources.text(text)
      ctx.drawImage(rendered.image, rendered.x, rendered.y)
    }
  }

  /**
   * crop to what shows → (colour) → scale → (colour) → blur/vignette → place, as the compiler.
   * `after`: whole-picture plane tables to apply after the clip's own; resolves true if they were.
   */
  private async drawClip(
    layer: ClipLayer,
    target: Ctx,
    sources: CompositorSources,
    after: PlaneTables | null = null,
  ): Promise<boolean> {
    const { sourceVisible, visible } = layer.placement
    const colorFirst = layer.colorBeforeScale && layer.color.length > 0
    // eq-type colour on the source's own planes, exactly as ffmpeg (null: it needs RGB).
    const own = colorFirst ? planeTablesFor(layer.color) : null
    // The whole-picture tables go in only where nothing else needs RGB in between.
    const yuv = colorFirst && !own ? null : after ? thenTables(own, after) : own
    const sample = await sources.frame(layer)
    let cropped: CroppedImage
    let planesDone = false
    try {
      if (sample.rotation === 0 && !sample.flip) {
        cropped = cropSample(sample, sourceVisible)
      } else {
        // A turned (phone) frame is drawn upright before the crop: its planes are done first.
        const frame = sample.toVideoFrame()
        try {
          const tables = this.tablesFor(frame, yuv)
          if (tables && hasPlanes(frame)) {
            const fixed = await applyPlaneTables(frame, tables, this.planes)
            const turned = new VideoSample(fixed, { rotation: sample.rotation, flip: sample.flip })
            try {
              cropped = cropSample(turned, sourceVisible)
            } finally {
              turned.close()
            }
            planesDone = true
          } else {
            cropped = cropSample(sample, sourceVisible)
          }
        } finally {
          frame.close()
        }
      }
    } finally {
      sample.close()
    }
    let graded: VideoFrame | null = null
    try {
      let image: CanvasImageSource = cropped.image
      let rect = cropped.rect
      if (!planesDone && image instanceof VideoFrame && hasPlanes(image)) {
        const tables = this.tablesFor(image, yuv)
        if (tables) {
          graded = await applyPlaneTables(image, tables, this.planes)
          image = graded
          planesDone = true
        }
      }
      if (colorFirst && !(own && planesDone)) {
        // Colour that needs RGB (LUT, temperature), or a frame without planes: a pixel pass at
        // source size, before the one upscale.
        const small = this.source.sized(sourceVisible.width, sourceVisible.height)
        small.drawImage(
          image,
          rect.x,
          rect.y,
          rect.width,
          rect.height,
          0,
          0,
          rect.width,
          rect.height,
        )
        this.pixels.apply(small, [{ kind: 'color', effects: layer.color }], sources.luts)
        image = this.source.canvas
        rect = { x: 0, y: 0, width: sourceVisible.width, height: sourceVisible.height }
      }
      // Colour at visible size runs with the vignette, if any, in one pixel pass.
      const passes: EffectPass[] = [
        ...(!layer.colorBeforeScale && layer.color.length > 0
          ? [{ kind: 'color' as const, effects: layer.color }]
          : []),
        ...layer.spatial,
      ]
      if (passes.length === 0) {
        // Nothing works on the scaled picture: one draw scales it straight into place.
        target.drawImage(
          image,
          rect.x,
          rect.y,
          rect.width,
          rect.height,
          layer.placement.canvasX,
          layer.placement.canvasY,
          visible.width,
          visible.height,
        )
        return after !== null && planesDone && yuv !== null
      }
      // The scaled picture, at the size it is drawn (the preview's scale included).
      const vw = scaledSize(visible.width, this.scale)
      const vh = scaledSize(visible.height, this.scale)
      const vis = this.visible.sized(vw, vh)
      vis.drawImage(image, rect.x, rect.y, rect.width, rect.height, 0, 0, vw, vh)
      this.applyPasses(this.visible.canvas, vis, passes, sources.luts)
      const { canvasX, canvasY } = layer.placement
      target.drawImage(this.visible.canvas, canvasX, canvasY, visible.width, visible.height)
      return false
    } finally {
      graded?.close()
      cropped.close()
    }
  }

  /**
   * The plane tables for a decoded frame: the clip's eq-type colour, if any, then the browser's
   * Cb correction (chroma-fix.ts) for BT.709 frames; null when nothing would change.
   */
  private tablesFor(frame: VideoFrame, yuv: PlaneTables | null): PlaneTables | null {
    const fix = needsCbFix(frame) ? this.cbFix : null
    const u = fix ? (yuv?.u ? fix.map((_, x) => fix[yuv.u?.[x] ?? 0] ?? 0) : fix) : (yuv?.u ?? null)
    const tables: PlaneTables = { y: yuv?.y ?? null, u, v: yuv?.v ?? null }
    return changesNothing(tables) ? null : tables
  }

  private applyPasses(
    canvas: OffscreenCanvas,
    ctx: Ctx,
    passes: readonly EffectPass[],
    luts: ReadonlyMap<string, Lut3d>,
  ): void {
    if (passes.length === 0) return
    // Passes work on the canvas's pixels as they are: no transform.
    ctx.save()
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    try {
      this.runPasses(canvas, ctx, passes, luts)
    } finally {
      ctx.restore()
    }
  }

  private runPasses(
    canvas: OffscreenCanvas,
    ctx: Ctx,
    passes: readonly EffectPass[],
    luts: ReadonlyMap<string, Lut3d>,
  ): void {
    // Consecutive colour and vignette passes are one pixel run (one upload on the GL path).
    let run: PerPixelEffectPass[] = []
    const flush = () => {
      if (run.length > 0) this.pixels.apply(ctx, run, luts)
      run = []
    }
    for (const pass of passes) {
      if (pass.kind !== 'blur') {
        run.push(pass)
        continue
      }
      flush()
      // CSS blur(σpx) is a Gaussian of standard deviation σ, as gblur's sigma (in timeline
      // pixels: scaled with the picture).
      const blur = this.blur.sized(canvas.width, canvas.height)
      blur.filter = `blur(${pass.sigma * this.scale}px)`
      blur.drawImage(canvas, 0, 0)
      ctx.clearRect(0, 0, canvas.width, canvas.height)
      ctx.drawImage(this.blur.canvas, 0, 0)
    }
    flush()
  }
}

/** A dimension at the compositor's scale, in whole pixels (at least one). */
function scaledSize(size: number, scale: number): number {
  return Math.max(1, Math.round(size * scale))
}

/** `first`'s tables, then `then`'s, plane by plane. */
function thenTables(first: PlaneTables | null, then: PlaneTables): PlaneTables {
  const chain = (a: Uint8Array | null | undefined, b: Uint8Array | null) =>
    a && b ? b.map((_, x) => b[a[x] ?? 0] ?? 0) : (b ?? a ?? null)
  return { y: chain(first?.y, then.y), u: chain(first?.u, then.u), v: chain(first?.v, then.v) }
}

/**
 * The frame's whole-picture colour as plane tables, when it can run on the one clip's planes:
 * eq-type effects only, a clip that covers the canvas (no padding for them to colour), and no
 * pass on the scaled clip (blur, vignette, colour after scaling) that must come before them.
 */
function foldableGlobal(layer: ClipLayer, plan: FramePlan): PlaneTables | null {
  if (plan.global.length === 0) return null
  if (!plan.global.every((pass) => pass.kind === 'color')) return null
  const { visible, canvasX, canvasY } = layer.placement
  if (canvasX !== 0 || canvasY !== 0) return null
  if (visible.width !== plan.canvas.width || visible.height !== plan.canvas.height) return null
  if (layer.spatial.length > 0) return null
  if (!layer.colorBeforeScale && layer.color.length > 0) return null
  const effects = plan.global.flatMap((pass) => (pass.kind === 'color' ? pass.effects : []))
  return planeTablesFor(effects)
}
