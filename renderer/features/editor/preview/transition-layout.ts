import type { CanvasSize, Transition } from '../../../../shared/timeline'

/**
 * How the two clips of a transition are layered, matching ffmpeg's xfade at the same progress
 * (0 at the first overlapping frame): `fade` is out·(1−p) + in·p, i.e. the incoming picture drawn
 * over the outgoing one with alpha p; `slide*` moves both by the truncated offset xfade uses.
 */
export interface LayerPlacement {
  readonly dx: number
  readonly dy: number
  readonly alpha: number
}

export interface TransitionLayers {
  readonly outgoing: LayerPlacement
  readonly incoming: LayerPlacement
}

export function transitionLayers(
  spec: Transition,
  progress: number,
  canvas: CanvasSize,
): TransitionLayers {
  const p = Math.min(1, Math.max(0, progress))
  if (spec.type === 'crossfade') {
    return { outgoing: { dx: 0, dy: 0, alpha: 1 }, incoming: { dx: 0, dy: 0, alpha: p } }
  }
  // xfade's progress runs 1 → 0; its pixel offset is trunc((1 − p)·size).
  const horizontal = spec.direction === 'left' || spec.direction === 'right'
  const size = horizontal ? canvas.width : canvas.height
  const shift = Math.trunc((1 - p) * size)
  const sign = spec.direction === 'left' || spec.direction === 'up' ? 1 : -1
  const outOffset = -sign * (size - shift)
  const inOffset = sign * shift
  const at = (offset: number, alpha: number): LayerPlacement =>
    horizontal ? { dx: offset, dy: 0, alpha } : { dx: 0, dy: offset, alpha }
  return { outgoing: at(outOffset, 1), incoming: at(inOffset, 1) }
}
