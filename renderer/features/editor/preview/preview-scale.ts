import type { CanvasSize } from '../../../../shared/timeline'

/**
 * The size the editor's preview draws at: the long side at most 960 pixels, about what the panel
 * shows on a 1080p screen. A quarter of a 1080×1920 canvas's pixels is what lets the preview
 * play the edit in real time on a CPU; exports and covers draw at full size.
 */
export const PREVIEW_LONG_SIDE = 960

export function previewScale(size: CanvasSize): number {
  return Math.min(1, PREVIEW_LONG_SIDE / Math.max(size.width, size.height))
}

export function previewSize(size: CanvasSize): CanvasSize {
  const scale = previewScale(size)
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  }
}
