import type { CanvasSize } from './canvas'
import { joinPath } from './ffmpeg-effects'
import { escapeFilterValue, num, quoteExpression, sec } from './ffmpeg-escape'
import type { MediaInfo } from './media-info'
import type { ImageOverlay, TextOverlay } from './model'
import { displaySize } from './placement'

/** Timing for an overlay: shown on [start, end); null means always (e.g. the cover frame). */
export type OverlayWindow = { startMs: number; endMs: number } | null

function enableOption(window: OverlayWindow): string {
  return window
    ? `:enable=${quoteExpression(`between(t,${sec(window.startMs)},${sec(window.endMs)})`)}`
    : ''
}

const hex = (color: string) => `0x${color.slice(1).toLowerCase()}`

/**
 * Text overlays rendered to pictures by the app's compositor (the same bitmap the preview and
 * the WebCodecs export draw): textId → a PNG input with its top-left on the canvas. The ffmpeg
 * path overlays them instead of running drawtext, so every engine shows the same glyphs —
 * colour emoji, variation selectors, ZWJ sequences, right-to-left and CJK text included, which
 * drawtext's one font cannot shape.
 */
export interface TextImage {
  readonly fileName: string
  readonly x: number
  readonly y: number
}
export type TextImageMap = Readonly<Record<string, TextImage>>

/**
 * drawtext for one text overlay (tools without the compositor's text rendering, e.g. Node-only
 * tests; the app always passes text images), centred on (x, y). expansion=none makes the text literal
 * (otherwise drawtext itself interprets % and \), leaving only the filtergraph escaping.
 */
export function drawtextFilter(
  text: TextOverlay,
  canvas: CanvasSize,
  fontDir: string,
  window: OverlayWindow,
): string {
  const options = [
    `fontfile=${escapeFilterValue(joinPath(fontDir, text.font))}`,
    'expansion=none',
    `text=${escapeFilterValue(text.text)}`,
    `fontsize=${num(text.size)}`,
    `fontcolor=${hex(text.color)}`,
    ...(text.outlineWidth > 0
      ? [`borderw=${num(text.outlineWidth)}`, `bordercolor=${hex(text.outlineColor)}`]
      : []),
    `x=${num(Math.round(text.x * canvas.width))}-text_w/2`,
    `y=${num(Math.round(text.y * canvas.height))}-text_h/2`,
  ]
  return `drawtext=${options.join(':')}${enableOption(window)}`
}

export interface ImagePlacement {
  readonly width: number
  readonly height: number
  readonly x: number
  readonly y: number
}

/** Size and top-left of an image overlay on the canvas (width given, height keeps aspect). */
export function imagePlacement(
  image: ImageOverlay,
  media: MediaInfo,
  canvas: CanvasSize,
): ImagePlacement {
  const source = displaySize(media)
  const width = Math.max(2, 2 * Math.round((image.width * canvas.width) / 2))
  const height = Math.max(2, 2 * Math.round((width * source.height) / source.width / 2))
  return {
    width,
    height,
    x: Math.round(image.x * canvas.width - width / 2),
    y: Math.round(image.y * canvas.height - height / 2),
  }
}

/** Prepares the image stream: scaled, with its opacity folded into the alpha channel. */
export function imageFilters(place: ImagePlacement, opacity: number): string[] {
  return [
    `scale=${place.width}:${place.height}`,
    ...(opacity < 1 ? ['format=rgba', `colorchannelmixer=aa=${num(opacity)}`] : []),
  ]
}

/**
 * Puts the image on the picture. A still image is a one-frame stream: overlay's default
 * eof_action=repeat keeps showing that frame, and `enable` limits it to its window.
 */
export function overlayFilter(
  place: Pick<ImagePlacement, 'x' | 'y'>,
  window: OverlayWindow,
): string {
  return `overlay=x=${place.x}:y=${place.y}:eof_action=repeat${enableOption(window)}`
}
