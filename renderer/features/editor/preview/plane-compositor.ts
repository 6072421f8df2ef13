import type { PrimitiveEffect, TextOverlay } from '../../../../shared/timeline'
import type { VideoSample } from 'mediabunny'
import { keptRegion } from './frame-cache'
import type { ClipLayer, FramePlan, ImageLayer } from './frame-plan'
import {
  changesNothing,
  mapPairsInPlace,
  pairTable,
  planeTablesFor,
  type PlaneTables,
} from './plane-color'
import { yuvOverlay, type YuvOverlay } from './plane-overlay'
import type { RenderedText } from './text-raster'
import { i420Planes, YuvWorkspace } from './yuv-workspace'

/**
 * The export's Y'CbCr path: a frame plan of one clip (cropped, eq-type colour, scaled, maybe
 * padded) under text and image overlays is drawn on I420 planes and handed to the H.264 encoder
 * as they are — never converted to RGB and back. The decoded frame's crop is copied at source
 * size, graded there with plane-color.ts's tables (ffmpeg's own eq arithmetic), scaled once
 * (bilinear, yuv-workspace.ts) and the overlays, converted once, are blended over their boxes
 * (yuv-workspace.ts too).
 * The same plan as the canvas path draws (Compositor); plans it cannot carry — transitions,
 * overlay videos, blur, vignette, colour that needs RGB, turned phone frames, downscales past
 * 1.5:1 (bilinear would alias where the canvas filters) — go to the canvas.
 */
export interface FrameTiming {
  readonly timestamp: number
  readonly duration: number
}

/**
 * Full-range BT.709: what Chromium's encoder makes of the canvas path's RGBA frames (and marks
 * in the stream's SPS, which its first frame decides). One export may mix both paths frame by
 * frame, so the planes are expanded to full range too (the last table applied): a stream of one
 * range throughout. Limited-range planes beside RGBA frames measured SSIM 0.91–0.97 on the
 * canvas frames (export-parity e2e), from the range mismatch.
 */
const BT709_FULL: VideoColorSpaceInit = {
  primaries: 'bt709',
  transfer: 'bt709',
  matrix: 'bt709',
  fullRange: true,
}

const clampByte = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v))
/** Limited-range code values to full range (BT.709: luma 16–235, chroma 16–240 around 128). */
export const TO_FULL_RANGE: PlaneTables = {
  y: Uint8Array.from({ length: 256 }, (_, x) => clampByte(((x - 16) * 255) / 219)),
  u: Uint8Array.from({ length: 256 }, (_, x) => clampByte(((x - 128) * 255) / 224 + 128)),
  v: Uint8Array.from({ length: 256 }, (_, x) => clampByte(((x - 128) * 255) / 224 + 128)),
}

/** Past this downscale, bilinear drops detail the canvas path keeps (it filters the minification). */
const MAX_DOWNSCALE = 1.5

const even = (n: number) => n % 2 === 0

/** Per-pixel tables for the clip's own colour, and for the whole picture's (null: none). */
interface PlanTables {
  readonly beforeScale: PlaneTables | null
  readonly afterScale: PlaneTables | null
}

/**
 * Why a plan cannot be drawn on planes (a short reason, for the stage report), or its tables.
 */
export function planePlan(plan: FramePlan): PlanTables | string {
  const { canvas } = plan
  if (!even(canvas.width) || !even(canvas.height)) return 'odd canvas'
  if (plan.clips.length !== 1) return plan.clips.length === 0 ? 'no clip' : 'transition'
  if (plan.overlays.length > 0) return 'overlay video'
  const [clip] = plan.clips
  if (!clip) return 'no clip'
  if (clip.layer.alpha !== 1 || clip.layer.dx || clip.layer.dy) return 'transition'
  if (clip.spatial.length > 0) return 'blur or vignette'
  const { sourceVisible, visible, canvasX, canvasY } = clip.placement
  if (![visible.width, visible.height, canvasX, canvasY].every(even)) return 'odd placement'
  if (
    sourceVisible.width > visible.width * MAX_DOWNSCALE ||
    sourceVisible.height > visible.height * MAX_DOWNSCALE
  ) {
    return 'downscale'
  }
  if (!plan.global.every((pass) => pass.kind === 'color')) return 'blur or vignette'
  const effects = plan.global.flatMap((pass) => (pass.kind === 'color' ? pass.effects : []))
  const covers =
    canvasX === 0 &&
    canvasY === 0 &&
    visible.width === canvas.width &&
    visible.height === canvas.height
  // The same tables (same objects) for every frame of a clip: their pair tables
  // (plane-color.ts) are then made once, not per frame.
  const key = JSON.stringify([clip.color, effects, clip.colorBeforeScale, covers])
  const known = madeTables.get(key)
  if (known !== undefined) return known
  if (madeTables.size >= 64) madeTables.clear()
  const made = tablesFor(clip, effects, covers)
  madeTables.set(key, made)
  return made
}

const madeTables = new Map<string, PlanTables | string>()

function tablesFor(
  clip: ClipLayer,
  effects: readonly PrimitiveEffect[],
  covers: boolean,
): PlanTables | string {
  const own = clip.color.length > 0 ? planeTablesFor(clip.color) : null
  if (clip.color.length > 0 && !own) return 'colour needs RGB'
  const global = effects.length > 0 ? planeTablesFor(effects) : null
  if (effects.length > 0 && !global) return 'colour needs RGB'
  // The clip's own colour after its (down)scale would colour the padding too.
  if (own && !clip.colorBeforeScale && !covers) return 'padding'
  const mine = own ? (clip.colorBeforeScale ? 'before' : 'after') : null
  // The whole picture's colour runs on what shows: on the clip before the upscale when it
  // covers the canvas (per-pixel colour commutes with scaling, as the compiler relies on),
  // else on the output, padding included.
  const globalAt = global ? (covers && mine !== 'after' ? 'before' : 'after') : null
  const at = (where: 'before' | 'after') =>
    orNull(chain(mine === where ? own : null, globalAt === where ? global : null))
  const beforeScale = at('before')
  const afterScale = at('after')
  // The range expansion comes last: on the output if anything runs there, else on the crop.
  return afterScale
    ? { beforeScale, afterScale: chain(afterScale, TO_FULL_RANGE) }
    : { beforeScale: chain(beforeScale, TO_FULL_RANGE), afterScale: null }
}

function chain(first: PlaneTables | null, then: PlaneTables | null): PlaneTables | null {
  if (!first || !then) return first ?? then
  const both = (a: Uint8Array | null, b: Uint8Array | null) =>
    a && b ? b.map((_, x) => b[a[x] ?? 0] ?? 0) : (b ?? a)
  return { y: both(first.y, then.y), u: both(first.u, then.u), v: both(first.v, then.v) }
}

function orNull(tables: PlaneTables | null): PlaneTables | null {
  return tables && !changesNothing(tables) ? tables : null
}

/** Applies `tables` to a packed I420 picture's planes in place. */
export function applyI420Tables(
  data: Uint8Array,
  width: number,
  height: number,
  tables: PlaneTables,
): void {
  const planes = i420Planes(width, height)
  const run = (start: number, end: number, table: Uint8Array | null) => {
    if (table) mapPairsInPlace(data, start, end, pairTable(table, table))
  }
  run(planes.y.offset, planes.u.offset, tables.y)
  run(planes.u.offset, planes.v.offset, tables.u)
  run(planes.v.offset, planes.size, tables.v)
}

export interface PlaneSources {
  image(layer: ImageLayer): Promise<CanvasImageSource>
  text(text: TextOverlay): RenderedText
}

export class PlaneCompositor {
  private readonly work = new YuvWorkspace()
  private readonly scratch = new OffscreenCanvas(2, 2)
  /** Overlays in Y'CbCr, by the picture they were made from and where it goes. */
  private readonly converted = new WeakMap<object, Map<string, YuvOverlay>>()

  /**
   * The plan drawn on planes from `sample` (the clip's decoded frame), as a VideoFrame the caller
   * closes; null, touching nothing, if the frame is not one the path takes (turned, not I420,
   * a kept preview copy, a crop off its edge). The caller closes `sample` either way.
   */
  async render(
    plan: FramePlan,
    tables: PlanTables,
    clip: ClipLayer,
    sample: VideoSample,
    sources: PlaneSources,
    timing: FrameTiming,
  ): Promise<VideoFrame | null> {
    const square = sample.pixelAspectRatio.num === sample.pixelAspectRatio.den
    if (sample.rotation !== 0 || sample.flip || !square || keptRegion(sample)) return null
    const frame = sample.toVideoFrame()
    try {
      if (frame.format !== 'I420') return null
      const shown = frame.visibleRect ?? {
        x: 0,
        y: 0,
        width: frame.codedWidth,
        height: frame.codedHeight,
      }
      const crop = clip.placement.sourceVisible
      // As ffmpeg's crop on 4:2:0: the corner goes to the even pixel at or before it.
      const x0 = Math.floor(crop.x / 2) * 2
      const y0 = Math.floor(crop.y / 2) * 2
      const copy = { width: crop.width + (crop.width & 1), height: crop.height + (crop.height & 1) }
      if (!even(shown.x) || !even(shown.y) || x0 < 0 || y0 < 0) return null
      if (x0 + copy.width > shown.width || y0 + copy.height > shown.height) return null

      const { canvas } = plan
      const { visible, canvasX, canvasY } = clip.placement
      const work = this.work
      work.prepare(
        copy,
        { width: crop.width, height: crop.height },
        { x: canvasX, y: canvasY, width: visible.width, height: visible.height },
        canvas,
      )
      const planes = i420Planes(copy.width, copy.height)
      await frame.copyTo(work.sourceBytes(), {
        rect: { x: shown.x + x0, y: shown.y + y0, ...copy },
        layout: [planes.y, planes.u, planes.v].map((p) => ({ offset: p.offset, stride: p.stride })),
      })
      if (tables.beforeScale) {
        applyI420Tables(work.sourceBytes(), copy.width, copy.height, tables.beforeScale)
      }
      const out = work.outputBytes()
      const covers =
        canvasX === 0 &&
        canvasY === 0 &&
        visible.width === canvas.width &&
        visible.height === canvas.height
      if (!covers) {
        // Black padding, as the canvas's fill and ffmpeg's pad: limited range if the expansion
        // to full range runs on the output, full range if it ran on the crop.
        const o = i420Planes(canvas.width, canvas.height)
        out.fill(tables.afterScale ? 16 : 0, 0, o.u.offset)
        out.fill(128, o.u.offset)
      }
      work.scale()
      if (tables.afterScale) applyI420Tables(out, canvas.width, canvas.height, tables.afterScale)
      for (const image of plan.images) {
        const picture = await sources.image(image)
        const { x, y, width, height } = image.placement
        work.blend(this.overlay(picture, width, height, x, y, image.opacity))
      }
      for (const text of plan.texts) {
        const rendered = sources.text(text)
        const { image } = rendered
        work.blend(this.overlay(image, image.width, image.height, rendered.x, rendered.y, 1))
      }
      return new VideoFrame(out, {
        format: 'I420',
        codedWidth: canvas.width,
        codedHeight: canvas.height,
        timestamp: timing.timestamp,
        duration: timing.duration,
        colorSpace: BT709_FULL,
      })
    } finally {
      frame.close()
    }
  }

  /** `picture` (drawn once by the overlay cache) in Y'CbCr, converted once per placement. */
  private overlay(
    picture: CanvasImageSource & object,
    width: number,
    height: number,
    x: number,
    y: number,
    opacity: number,
  ): YuvOverlay {
    let byPlace = this.converted.get(picture)
    if (!byPlace) this.converted.set(picture, (byPlace = new Map()))
    const key = `${width}x${height}@${x},${y}:${opacity}`
    const known = byPlace.get(key)
    if (known) return known
    const canvas = this.scratch
    canvas.width = Math.max(1, width)
    canvas.height = Math.max(1, height)
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    if (!ctx) throw new Error('OffscreenCanvas 2D is not available')
    ctx.clearRect(0, 0, canvas.width, canvas.height)
    ctx.drawImage(picture, 0, 0, width, height)
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height)
    const made = yuvOverlay(pixels, x, y, opacity, true)
    byPlace.set(key, made)
    return made
  }
}
