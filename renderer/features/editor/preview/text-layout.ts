import type { CanvasSize, TextOverlay } from '../../../../shared/timeline'

/**
 * Where drawtext (ffmpeg 5.1, the export's version) puts a one-line text overlay. The compiler
 * emits x=round(x·W)−text_w/2, y=round(y·H)−text_h/2, where text_w is the sum of the glyph
 * advances and text_h the glyph box height (max ascent + max descent of the string's glyphs);
 * the baseline sits max-ascent below the top. Canvas measureText reports exactly these.
 */
export interface TextMetricsLike {
  /** Advance width (measureText().width). */
  readonly width: number
  readonly actualBoundingBoxAscent: number
  readonly actualBoundingBoxDescent: number
}

export interface TextLayout {
  /** Left end of the text origin and its baseline, canvas pixels. */
  readonly x: number
  readonly baseline: number
  /** Canvas stroke width: drawtext's borderw is a radius around the glyph outline. */
  readonly strokeWidth: number
  /** The CSS font shorthand (the font is registered under its file name). */
  readonly font: string
}

export function textLayout(
  text: Pick<TextOverlay, 'x' | 'y' | 'size' | 'outlineWidth' | 'font'>,
  metrics: TextMetricsLike,
  canvas: CanvasSize,
): TextLayout {
  const height = metrics.actualBoundingBoxAscent + metrics.actualBoundingBoxDescent
  // drawtext evaluates x and y as doubles and truncates them to whole pixels.
  const left = Math.trunc(Math.round(text.x * canvas.width) - metrics.width / 2)
  const top = Math.trunc(Math.round(text.y * canvas.height) - height / 2)
  return {
    x: left,
    baseline: top + metrics.actualBoundingBoxAscent,
    strokeWidth: 2 * text.outlineWidth,
    font: cssFont(text),
  }
}

/**
 * Fonts every text falls back to, in order, for characters its own font lacks: the shipped colour
 * emoji font (Noto Color Emoji, OFL). Family name → what bundled-resources calls the file.
 */
export const FALLBACK_FONTS = [{ family: 'reeldesk-emoji', file: 'NotoColorEmoji.woff2' }] as const

/** The canvas `font` for an overlay: its size in canvas pixels, as drawtext's fontsize. */
export function cssFont(text: Pick<TextOverlay, 'size' | 'font'>): string {
  const families = [fontFamily(text.font), ...FALLBACK_FONTS.map((f) => f.family)]
  return `${text.size}px ${families.map((f) => `"${f}"`).join(', ')}`
}

/** The family a shipped font file is registered as ("Inter-Bold.otf" → reeldesk-Inter-Bold). */
export function fontFamily(file: string): string {
  return `reeldesk-${file.replace(/\.(ttf|otf)$/i, '').replace(/[^A-Za-z0-9_-]/g, '_')}`
}

/**
 * The compiler writes times for ffmpeg with microsecond precision (shared/timeline/ffmpeg-escape
 * `sec`), so compare at that precision too: an overlay added at a playhead reached by frame steps
 * starts at e.g. 1000.0000000000005 ms, which ffmpeg reads as exactly 1 s.
 */
function asFfmpegReadsIt(ms: number): number {
  return Math.round(ms * 1000) / 1000
}

/** drawtext's `enable=between(t,start,end)` is inclusive at both ends. */
export function overlayVisible(
  item: { startMs: number; endMs: number },
  atMs: number,
  totalMs: number,
): boolean {
  const start = asFfmpegReadsIt(item.startMs)
  const end = asFfmpegReadsIt(item.endMs)
  const total = asFfmpegReadsIt(totalMs)
  if (start >= total) return false
  const t = asFfmpegReadsIt(atMs)
  return t >= start && t <= Math.min(end, total)
}
