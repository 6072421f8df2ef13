import type { CanvasSize } from '../../../../shared/timeline/canvas'
import type { SafeZone } from '../../../../shared/platform/safe-zones'

/**
 * Dragging and resizing texts, images and overlay videos on the preview: pure geometry in
 * canvas pixels, with guides. An item's centre or edges snap to the canvas's centre lines and
 * to the safe zone's edges when they come within a few screen pixels of them.
 */
export interface Box {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface Guides {
  /** x positions of vertical guide lines shown (canvas pixels). */
  readonly vertical: readonly number[]
  /** y positions of horizontal guide lines shown. */
  readonly horizontal: readonly number[]
}

export const NO_GUIDES: Guides = { vertical: [], horizontal: [] }

/** Lines worth snapping to: the centre lines, and the safe zone's edges when there is one. */
export function snapLines(canvas: CanvasSize, zone: SafeZone | null): Guides {
  const vertical = [canvas.width / 2]
  const horizontal = [canvas.height / 2]
  if (zone) {
    vertical.push(zone.left * canvas.width, canvas.width * (1 - zone.right))
    horizontal.push(zone.top * canvas.height, canvas.height * (1 - zone.bottom))
  }
  return { vertical, horizontal }
}

function snapAxis(
  start: number,
  size: number,
  lines: readonly number[],
  threshold: number,
): { start: number; guide: number | null } {
  let best: { start: number; guide: number; distance: number } | null = null
  for (const line of lines) {
    // The centre, the leading edge and the trailing edge may each meet the line.
    for (const offset of [size / 2, 0, size]) {
      const distance = Math.abs(start + offset - line)
      if (distance <= threshold && (!best || distance < best.distance)) {
        best = { start: line - offset, guide: line, distance }
      }
    }
  }
  return best ? { start: best.start, guide: best.guide } : { start, guide: null }
}

export interface MoveResult {
  /** New centre, as fractions of the canvas (what the model stores), clamped to 0..1. */
  readonly x: number
  readonly y: number
  readonly guides: Guides
}

/** Moves a box by (dx, dy) canvas pixels, snapping within `threshold` canvas pixels. */
export function moveBox(
  box: Box,
  dx: number,
  dy: number,
  canvas: CanvasSize,
  lines: Guides,
  threshold: number,
): MoveResult {
  const h = snapAxis(box.x + dx, box.width, lines.vertical, threshold)
  const v = snapAxis(box.y + dy, box.height, lines.horizontal, threshold)
  const clamp01 = (n: number) => Math.min(1, Math.max(0, n))
  return {
    x: clamp01((h.start + box.width / 2) / canvas.width),
    y: clamp01((v.start + box.height / 2) / canvas.height),
    guides: {
      vertical: h.guide === null ? [] : [h.guide],
      horizontal: v.guide === null ? [] : [v.guide],
    },
  }
}

/**
 * Resizing from a corner keeps the centre and the aspect: the new scale is how far the corner
 * moved from the centre, relative to where it started. Returns the factor (≥ a minimum).
 */
export function resizeFactor(box: Box, dx: number, dy: number, minFactor = 0.05): number {
  const halfW = box.width / 2
  const halfH = box.height / 2
  const start = Math.hypot(halfW, halfH)
  if (start === 0) return 1
  const now = Math.hypot(halfW + dx, halfH + dy)
  const sign = halfW + dx < 0 || halfH + dy < 0 ? 0 : 1
  return Math.max(minFactor, (now / start) * sign || minFactor)
}

/** A canvas box at the preview's scale, for positioning DOM handles over the canvas. */
export function toScreen(box: Box, scale: number): Box {
  return {
    x: box.x * scale,
    y: box.y * scale,
    width: box.width * scale,
    height: box.height * scale,
  }
}

/** A text's box the way the compositor places it (textLayout): centred on (x, y). */
export function textBox(
  text: { x: number; y: number; outlineWidth: number },
  metrics: { width: number; ascent: number; descent: number },
  canvas: CanvasSize,
): Box {
  const height = metrics.ascent + metrics.descent
  const pad = 2 * text.outlineWidth
  return {
    x: Math.round(text.x * canvas.width) - metrics.width / 2 - pad,
    y: Math.round(text.y * canvas.height) - height / 2 - pad,
    width: metrics.width + 2 * pad,
    height: height + 2 * pad,
  }
}
