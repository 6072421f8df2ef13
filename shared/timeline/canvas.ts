import { z } from 'zod'

/**
 * Output canvases. Short-video platforms want 9:16 first; 720×1280 is the light export for slow
 * machines (ffmpeg.wasm is ~4× native, see DESIGN §4) and 1080×1080 the square feed format.
 */
export const CANVAS_PRESETS = {
  '1080x1920': { width: 1080, height: 1920 },
  '720x1280': { width: 720, height: 1280 },
  '1080x1080': { width: 1080, height: 1080 },
} as const

export type CanvasPreset = keyof typeof CANVAS_PRESETS
export interface CanvasSize {
  readonly width: number
  readonly height: number
}

export const DEFAULT_CANVAS: CanvasPreset = '1080x1920'
export const DEFAULT_FPS = 30

export const canvasPresetSchema = z.enum(['1080x1920', '720x1280', '1080x1080'], {
  error: 'canvas must be one of 1080x1920, 720x1280, 1080x1080',
})
export const fpsSchema = z.union([z.literal(30), z.literal(60)], { error: 'fps must be 30 or 60' })
export type Fps = z.infer<typeof fpsSchema>

export function canvasSize(preset: CanvasPreset): CanvasSize {
  return CANVAS_PRESETS[preset]
}
