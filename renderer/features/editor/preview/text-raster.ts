import type { CanvasSize, TextOverlay } from '../../../../shared/timeline'
import { cssFont, textLayout } from './text-layout'

/**
 * A text overlay rendered once to a picture of its glyph box (outline included), with the
 * top-left corner where it sits on the canvas in whole pixels. The preview, the WebCodecs export
 * and the ffmpeg.wasm fallback (as a PNG input) all use this one picture, so every output shows
 * the same glyphs: the shipped font first, then the shipped colour emoji font, shaped by the
 * browser (variation selectors, ZWJ sequences, right-to-left and CJK runs).
 */
export interface RenderedText {
  readonly image: OffscreenCanvas
  readonly x: number
  readonly y: number
}

/** Strong right-to-left characters (Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms). */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u
const STRONG_LTR = /[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/u

/** The paragraph direction, by the first strong character (Unicode bidi rule P2). */
export function paragraphDirection(text: string): 'ltr' | 'rtl' {
  for (const ch of text) {
    if (RTL.test(ch)) return 'rtl'
    if (STRONG_LTR.test(ch)) return 'ltr'
  }
  return 'ltr'
}

/** Room around the glyph box for anti-aliasing and the outline's round joins. */
const MARGIN = 2

export function renderText(text: TextOverlay, canvas: CanvasSize): RenderedText {
  const measure = new OffscreenCanvas(1, 1).getContext('2d')
  if (!measure) throw new Error('OffscreenCanvas 2D is not available')
  const direction = paragraphDirection(text.text)
  setup(measure, text, direction)
  const metrics = measure.measureText(text.text)
  const layout = textLayout(text, metrics, canvas)
  const pad = Math.ceil(layout.strokeWidth / 2) + MARGIN
  // actualBoundingBoxLeft is measured leftwards from the origin (textAlign 'left').
  const left = Math.floor(layout.x - metrics.actualBoundingBoxLeft) - pad
  const right = Math.ceil(layout.x + Math.max(metrics.actualBoundingBoxRight, metrics.width)) + pad
  const top = Math.floor(layout.baseline - metrics.actualBoundingBoxAscent) - pad
  const bottom = Math.ceil(layout.baseline + metrics.actualBoundingBoxDescent) + pad
  const image = new OffscreenCanvas(Math.max(1, right - left), Math.max(1, bottom - top))
  const ctx = image.getContext('2d')
  if (!ctx) throw new Error('OffscreenCanvas 2D is not available')
  setup(ctx, text, direction)
  const x = layout.x - left
  const y = layout.baseline - top
  if (layout.strokeWidth > 0) {
    // drawtext's order: the outline (round joins) first, the glyphs filled over it.
    ctx.lineJoin = 'round'
    ctx.lineWidth = layout.strokeWidth
    ctx.strokeStyle = text.outlineColor
    ctx.strokeText(text.text, x, y)
  }
  ctx.fillStyle = text.color
  ctx.fillText(text.text, x, y)
  return { image, x: left, y: top }
}

function setup(
  ctx: OffscreenCanvasRenderingContext2D,
  text: TextOverlay,
  direction: 'ltr' | 'rtl',
): void {
  ctx.font = cssFont(text)
  ctx.direction = direction
  // 'left' is absolute: the origin is the left end whatever the direction (layout.x is a left).
  ctx.textAlign = 'left'
  ctx.textBaseline = 'alphabetic'
}
