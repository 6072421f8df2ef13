import type { CanvasSize, TextOverlay } from '../../../../shared/timeline'
import type { EffectPass } from './effect-passes'
import { cropSample, type CroppedImage, type VideoFrameSource } from './frame-source'
import type { ClipLayer, FramePlan } from './frame-plan'
import type { Lut3d } from './lut'
import type { PerPixelEffectPass } from './pixel-passes'
import type { PixelPassRunner } from './pixel-pass-runner'
import { cssFont, textLayout } from './text-layout'

/**
 * Draws a FramePlan on an OffscreenCanvas of the timeline's size with canvas 2D. Runs in a
 * worker; the finished canvas can be shown (transferToImageBitmap) or, later, wrapped in a
 * VideoFrame for a VideoEncoder. All numbers come from the pure planners; this is drawing only.
 * Colour and vignette go through `pixels` (CPU, or WebGL2 where a GPU exists: the same picture).
 */
export interface CompositorSources {
  video(mediaId: string): Promise<VideoFrameSource>
  image(mediaId: string): Promise<ImageBitmap>
  readonly luts: ReadonlyMap<string, Lut3d>
}

type Ctx = OffscreenCanvasRenderingContext2D

function context2d(canvas: OffscreenCanvas): Ctx {
  // CPU-backed: the CPU pixel path reads pixels back on every frame. Kept on the GL path too, so
  // that scaling and blur stay the very same (CPU Skia) drawing whichever path colours pixels.
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('OffscreenCanvas 2D is not available')
  ctx.imageSmoothingQuality = 'high'
  return ctx
}

/** A reusable canvas resized on demand (resizing also clears it). */
class Scratch {
  readonly canvas = new OffscreenCanvas(2, 2)
  readonly ctx = context2d(this.canvas)
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
  private readonly layers = [new Scratch(), new Scratch()]
  private readonly source = new Scratch()
  private readonly visible = new Scratch()
  private readonly blur = new Scratch()

  constructor(
    size: CanvasSize,
    private readonly pixels: PixelPassRunner,
  ) {
    this.canvas = new OffscreenCanvas(size.width, size.height)
    this.ctx = context2d(this.canvas)
  }

  async render(plan: FramePlan, sources: CompositorSources): Promise<void> {
    const { ctx, canvas } = this
    if (canvas.width !== plan.canvas.width || canvas.height !== plan.canvas.height) {
      canvas.width = plan.canvas.width
      canvas.height = plan.canvas.height
    }
    ctx.reset()
    ctx.imageSmoothingQuality = 'high'
    ctx.fillStyle = '#000000'
    ctx.fillRect(0, 0, canvas.width, canvas.height)

    const [only] = plan.clips
    if (
      plan.clips.length === 1 &&
      only &&
      only.layer.alpha === 1 &&
      !only.layer.dx &&
      !only.layer.dy
    ) {
      await this.drawClip(only, ctx, sources)
    } else {
      // Each clip of a transition is a whole padded picture (black included) before blending.
      for (const [i, clip] of plan.clips.entries()) {
        const scratch = this.layers[i % 2] ?? new Scratch()
        const layer = scratch.sized(canvas.width, canvas.height)
        layer.fillStyle = '#000000'
        layer.fillRect(0, 0, canvas.width, canvas.height)
        await this.drawClip(clip, layer, sources)
        ctx.globalAlpha = clip.layer.alpha
        ctx.drawImage(scratch.canvas, clip.layer.dx, clip.layer.dy)
        ctx.globalAlpha = 1
      }
    }
    // Overlay-track videos (picture-in-picture), lowest track first, under the global look.
    for (const overlay of plan.overlays) {
      ctx.globalAlpha = overlay.opacity
      await this.drawClip(overlay.clip, ctx, sources)
      ctx.globalAlpha = 1
    }
    this.applyPasses(canvas, ctx, plan.global, sources.luts)

    for (const image of plan.images) {
      const bitmap = await sources.image(image.mediaId)
      const { x, y, width, height } = image.placement
      ctx.globalAlpha = image.opacity
      ctx.drawImage(bitmap, x, y, width, height)
      ctx.globalAlpha = 1
    }
    for (const text of plan.texts) drawText(ctx, text, plan.canvas)
  }

  /** crop to what shows → (colour) → scale → (colour) → blur/vignette → place, as the compiler. */
  private async drawClip(layer: ClipLayer, target: Ctx, sources: CompositorSources): Promise<void> {
    const { sourceVisible, visible } = layer.placement
    const video = await sources.video(layer.mediaId)
    const sample = await video.sampleAt(layer.decodeSec)
    let cropped: CroppedImage
    try {
      cropped = cropSample(sample, sourceVisible)
    } finally {
      sample.close()
    }
    try {
      let image: CanvasImageSource = cropped.image
      let rect = cropped.rect
      if (layer.colorBeforeScale && layer.color.length > 0) {
        const small = this.source.sized(sourceVisible.width, sourceVisible.height)
        const r = cropped.rect
        small.drawImage(cropped.image, r.x, r.y, r.width, r.height, 0, 0, r.width, r.height)
        this.pixels.apply(small, [{ kind: 'color', effects: layer.color }], sources.luts)
        image = this.source.canvas
        rect = { x: 0, y: 0, width: sourceVisible.width, height: sourceVisible.height }
      }
      const vis = this.visible.sized(visible.width, visible.height)
      vis.drawImage(
        image,
        rect.x,
        rect.y,
        rect.width,
        rect.height,
        0,
        0,
        visible.width,
        visible.height,
      )
      // Colour at visible size runs with the vignette, if any, in one pixel pass.
      const passes: EffectPass[] = layer.colorBeforeScale
        ? [...layer.spatial]
        : [{ kind: 'color', effects: layer.color }, ...layer.spatial]
      this.applyPasses(this.visible.canvas, vis, passes, sources.luts)
      target.drawImage(this.visible.canvas, layer.placement.canvasX, layer.placement.canvasY)
    } finally {
      cropped.close()
    }
  }

  private applyPasses(
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
      // CSS blur(σpx) is a Gaussian of standard deviation σ, as gblur's sigma.
      const blur = this.blur.sized(canvas.width, canvas.height)
      blur.filter = `blur(${pass.sigma}px)`
      blur.drawImage(canvas, 0, 0)
      ctx.clearRect(0, 0, canvas.width, canvas.height)
      ctx.drawImage(this.blur.canvas, 0, 0)
    }
    flush()
  }
}

function drawText(ctx: Ctx, text: TextOverlay, canvas: CanvasSize): void {
  ctx.font = cssFont(text)
  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
  const layout = textLayout(text, ctx.measureText(text.text), canvas)
  if (layout.strokeWidth > 0) {
    // drawtext strokes the outline (round joins) first and fills the glyphs over it.
    ctx.lineJoin = 'round'
    ctx.lineWidth = layout.strokeWidth
    ctx.strokeStyle = text.outlineColor
    ctx.strokeText(text.text, layout.x, layout.baseline)
  }
  ctx.fillStyle = text.color
  ctx.fillText(text.text, layout.x, layout.baseline)
}
