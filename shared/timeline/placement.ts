import type { CanvasSize } from './canvas'
import type { Clip, OverlayClip } from './model'

/**
 * Where a clip's picture lands on the canvas, in whole pixels. Shared by the ffmpeg compiler
 * (crop → scale → crop → pad) and the preview compositor (drawImage's source/dest rectangles),
 * so both frame the picture identically.
 */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface ClipPlacement {
  /** Region of the (displayed) source used; the whole source unless fit is 'crop'. */
  readonly sourceCrop: Rect
  /** Size the source region is scaled to. */
  readonly scaled: CanvasSize
  /** Part of the scaled picture inside the canvas (it may overhang when zoomed or moved). */
  readonly visible: Rect
  /** Top-left of the visible part on the canvas. */
  readonly canvasX: number
  readonly canvasY: number
  /**
   * The part of the source that ends up visible, in source pixels (even, inside sourceCrop).
   * Renderers crop to it first and scale it straight to `visible`'s size: a 16:9 source filling
   * a 9:16 canvas is then scaled from 608×1080 instead of to 3414×1920 and cropped — 3× fewer
   * pixels through the scaler and the colour filters.
   */
  readonly sourceVisible: Rect
}

/** 4:2:0 chroma needs even sizes and offsets; rounding to even keeps ffmpeg from adjusting them. */
const toEven = (v: number) => 2 * Math.round(v / 2)
const even = (v: number) => Math.max(2, toEven(v))
const evenFloor = (v: number) => 2 * Math.floor(v / 2)

export function clipPlacement(
  clip: Pick<Clip, 'fit' | 'crop' | 'position' | 'scale'>,
  source: CanvasSize,
  canvas: CanvasSize,
): ClipPlacement {
  const crop = clip.fit === 'crop' && clip.crop ? clip.crop : { x: 0, y: 0, width: 1, height: 1 }
  const sourceCrop = {
    x: evenFloor(crop.x * source.width),
    y: evenFloor(crop.y * source.height),
    width: Math.min(even(crop.width * source.width), source.width),
    height: Math.min(even(crop.height * source.height), source.height),
  }
  const sx = canvas.width / sourceCrop.width
  const sy = canvas.height / sourceCrop.height
  // 'fit' shows everything (contain); 'fill' and 'crop' cover the canvas.
  const base = clip.fit === 'fit' ? Math.min(sx, sy) : Math.max(sx, sy)
  const factor = base * clip.scale
  const scaled = {
    width: even(sourceCrop.width * factor),
    height: even(sourceCrop.height * factor),
  }
  const left = toEven(clip.position.x * canvas.width - scaled.width / 2)
  const top = toEven(clip.position.y * canvas.height - scaled.height / 2)
  // The centre is on the canvas (position is 0..1), so the visible part is never empty.
  const x0 = Math.max(0, -left)
  const y0 = Math.max(0, -top)
  const x1 = Math.min(scaled.width, canvas.width - left)
  const y1 = Math.min(scaled.height, canvas.height - top)
  const visible = { x: x0, y: y0, width: Math.max(2, x1 - x0), height: Math.max(2, y1 - y0) }
  return {
    sourceCrop,
    scaled,
    visible,
    canvasX: left + x0,
    canvasY: top + y0,
    sourceVisible: sourceRegion(sourceCrop, scaled, visible),
  }
}

/**
 * An overlay clip's picture: `width` of the canvas wide, the source's aspect kept, centred on
 * (x, y); whatever overhangs the canvas is cut off as for a zoomed clip.
 */
export function overlayPlacement(
  overlay: Pick<OverlayClip, 'x' | 'y' | 'width'>,
  source: CanvasSize,
  canvas: CanvasSize,
): ClipPlacement {
  const fit = Math.min(canvas.width / source.width, canvas.height / source.height)
  const scale = (overlay.width * canvas.width) / (source.width * fit)
  return clipPlacement(
    { fit: 'fit', position: { x: overlay.x, y: overlay.y }, scale },
    source,
    canvas,
  )
}

/** Maps the visible part of the scaled picture back to source pixels, rounded to even. */
function sourceRegion(sourceCrop: Rect, scaled: CanvasSize, visible: Rect): Rect {
  const axis = (offset: number, size: number, crop: number, scaledSize: number) => {
    if (size >= scaledSize) return { start: 0, length: crop }
    const factor = scaledSize / crop
    // Length and start rounded separately keep the aspect ratio closest (608, not 610, for 16:9
    // filling 9:16).
    const length = Math.min(crop, even(size / factor))
    const start = Math.min(Math.max(0, toEven(offset / factor)), crop - length)
    return { start, length }
  }
  const h = axis(visible.x, visible.width, sourceCrop.width, scaled.width)
  const v = axis(visible.y, visible.height, sourceCrop.height, scaled.height)
  return { x: sourceCrop.x + h.start, y: sourceCrop.y + v.start, width: h.length, height: v.length }
}

/** The displayed size of a media file: ffmpeg auto-rotates, so 90°/270° swap the axes. */
export function displaySize(media: {
  width: number
  height: number
  rotation: number
}): CanvasSize {
  const quarter = Math.abs(media.rotation) % 180 === 90
  return quarter
    ? { width: media.height, height: media.width }
    : { width: media.width, height: media.height }
}

/**
 * The largest centred part of a source with the canvas's shape, as the model's fractions: what
 * "Crop" starts from, so picking it changes nothing on screen until the user moves the edges.
 */
export function centredCrop(
  source: CanvasSize,
  canvas: CanvasSize,
): { x: number; y: number; width: number; height: number } {
  const sourceAspect = source.width / source.height
  const canvasAspect = canvas.width / canvas.height
  const width = Math.min(1, canvasAspect / sourceAspect)
  const height = Math.min(1, sourceAspect / canvasAspect)
  // Rounded to 0.01 % (what the fields show), never past the source's edge.
  const round = (v: number) => Math.floor(v * 10_000) / 10_000
  return {
    x: round((1 - width) / 2),
    y: round((1 - height) / 2),
    width: round(width),
    height: round(height),
  }
}
