import { z } from 'zod'

/**
 * Effects, with ffmpeg's semantics as the reference: the export is rendered by ffmpeg, so the
 * preview compositor derives its parameters from these (DESIGN §4: `eq` brightness *adds* to luma
 * while CSS `brightness()` multiplies — do not map one onto the other directly).
 */
export const PRESET_NAMES = ['warm', 'cool', 'vintage', 'noir', 'vivid', 'fade'] as const
export type PresetName = (typeof PRESET_NAMES)[number]

/** LUT files are plain names inside resources/luts: no path separators, so no traversal. */
export const lutFileSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}\.cube$/i, 'a LUT is a .cube file name (no folders)')

const range = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`)

export const brightnessEffectSchema = z.strictObject({
  type: z.literal('brightness'),
  /** Added to luma, as ffmpeg `eq=brightness` (0 = unchanged). */
  value: range('brightness', -1, 1),
})
export const contrastEffectSchema = z.strictObject({
  type: z.literal('contrast'),
  /** Multiplier around mid-grey, as ffmpeg `eq=contrast` (1 = unchanged). */
  value: range('contrast', 0, 3),
})
export const saturationEffectSchema = z.strictObject({
  type: z.literal('saturation'),
  /** Chroma multiplier, as ffmpeg `eq=saturation` (1 = unchanged, 0 = grey). */
  value: range('saturation', 0, 3),
})
export const temperatureEffectSchema = z.strictObject({
  type: z.literal('temperature'),
  /**
   * ffmpeg `colortemperature`: the picture is tinted towards a black body of this temperature,
   * so lower is warmer (3000 K is orange) and 6500 K is neutral.
   */
  kelvin: range('temperature', 1000, 40000),
})
export const lutEffectSchema = z.strictObject({ type: z.literal('lut'), file: lutFileSchema })
export const blurEffectSchema = z.strictObject({
  type: z.literal('blur'),
  /** Gaussian sigma in canvas pixels: ffmpeg `gblur=sigma`, the same as CSS `blur(<px>)`. */
  radius: range('blur radius', 0, 100),
})
export const vignetteEffectSchema = z.strictObject({
  type: z.literal('vignette'),
  /** ffmpeg `vignette=angle` in radians; larger is darker (π/5 is ffmpeg's default). */
  angle: range('vignette angle', 0, Math.PI / 2),
})
export const blackAndWhiteEffectSchema = z.strictObject({ type: z.literal('blackAndWhite') })
export const presetEffectSchema = z.strictObject({
  type: z.literal('preset'),
  name: z.enum(PRESET_NAMES, { error: `preset must be one of ${PRESET_NAMES.join(', ')}` }),
})

export const primitiveEffectSchema = z.discriminatedUnion('type', [
  brightnessEffectSchema,
  contrastEffectSchema,
  saturationEffectSchema,
  temperatureEffectSchema,
  lutEffectSchema,
  blurEffectSchema,
  vignetteEffectSchema,
  blackAndWhiteEffectSchema,
])
export const effectSchema = z.discriminatedUnion('type', [
  ...primitiveEffectSchema.options,
  presetEffectSchema,
])

export type PrimitiveEffect = z.infer<typeof primitiveEffectSchema>
export type Effect = z.infer<typeof effectSchema>

/** Per-pixel effects commute with scaling, so the compiler may run them on the smaller image. */
export function isPerPixelEffect(effect: PrimitiveEffect): boolean {
  return effect.type !== 'blur' && effect.type !== 'vignette'
}
