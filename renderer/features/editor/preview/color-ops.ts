import type { PrimitiveEffect } from '../../../../shared/timeline'
import { rgbToYuv, yuvToRgb } from './color-space'
import { kelvinToRgbGain } from './kelvin'
import { sampleLut, type Lut3d } from './lut'

/**
 * Per-pixel colour effects with the semantics of the ffmpeg filters the compiler emits
 * (shared/timeline/ffmpeg-effects.ts), as one CPU pass over RGBA pixels. CSS filters cannot be
 * used: `brightness()` multiplies where eq adds, and `contrast()` pivots in RGB, not on luma.
 */
export type ColorOp =
  /** eq: luma and chroma curves on the YUV code values (vf_eq.c create_lut). */
  | {
      readonly kind: 'eq'
      readonly brightness: number
      readonly contrast: number
      readonly saturation: number
    }
  /** hue=s=0: chroma to neutral, luma kept. */
  | { readonly kind: 'grey' }
  /** colortemperature: per-channel gains in RGB. */
  | { readonly kind: 'gain'; readonly r: number; readonly g: number; readonly b: number }
  | { readonly kind: 'lut'; readonly lut: Lut3d }

/** eq's curve for one plane: v = c·(x/255 − ½) + ½ + b, stored as 256·v clipped to 0..255. */
export function eqCurve(x: number, contrast: number, brightness: number): number {
  const v = contrast * (x / 255 - 0.5) + 0.5 + brightness
  if (v <= 0) return 0
  return v >= 1 ? 255 : 256 * v
}

/** The op for one effect; null for spatial effects and ones that change nothing (as ffmpeg). */
export function colorOpFor(
  effect: PrimitiveEffect,
  luts: ReadonlyMap<string, Lut3d>,
): ColorOp | null {
  const eq = (brightness: number, contrast: number, saturation: number): ColorOp => ({
    kind: 'eq',
    brightness,
    contrast,
    saturation,
  })
  switch (effect.type) {
    case 'brightness':
      return effect.value === 0 ? null : eq(effect.value, 1, 1)
    case 'contrast':
      return effect.value === 1 ? null : eq(0, effect.value, 1)
    case 'saturation':
      return effect.value === 1 ? null : eq(0, 1, effect.value)
    case 'blackAndWhite':
      return { kind: 'grey' }
    case 'temperature': {
      const [r, g, b] = kelvinToRgbGain(effect.kelvin)
      return { kind: 'gain', r, g, b }
    }
    case 'lut': {
      const lut = luts.get(effect.file)
      if (!lut) throw new Error(`LUT "${effect.file}" is not loaded`)
      return { kind: 'lut', lut }
    }
    case 'blur':
    case 'vignette':
      return null
  }
}

/** Applies the ops in order to RGBA pixels in place (alpha untouched). */
export function applyColorOps(data: Uint8ClampedArray, ops: readonly ColorOp[]): void {
  if (ops.length === 0) return
  const px = new Float64Array(3)
  const tmp = new Float64Array(3)
  for (let i = 0; i < data.length; i += 4) {
    px[0] = data[i] ?? 0
    px[1] = data[i + 1] ?? 0
    px[2] = data[i + 2] ?? 0
    // Stay in YUV across consecutive YUV ops, clipping to 8 bits as each ffmpeg filter does.
    let yuv = false
    for (const op of ops) {
      if (op.kind === 'eq' || op.kind === 'grey') {
        if (!yuv) {
          rgbToYuv(px[0] ?? 0, px[1] ?? 0, px[2] ?? 0, tmp)
          px.set(tmp)
          yuv = true
        }
        applyYuvOp(op, px)
      } else {
        if (yuv) {
          yuvToRgb(px[0] ?? 0, px[1] ?? 0, px[2] ?? 0, tmp)
          clip8(tmp)
          px.set(tmp)
          yuv = false
        }
        applyRgbOp(op, px, tmp)
      }
    }
    if (yuv) {
      yuvToRgb(px[0] ?? 0, px[1] ?? 0, px[2] ?? 0, tmp)
      px.set(tmp)
    }
    data[i] = px[0] ?? 0
    data[i + 1] = px[1] ?? 0
    data[i + 2] = px[2] ?? 0
  }
}

function clip8(v: Float64Array): void {
  for (let c = 0; c < 3; c++) v[c] = Math.min(255, Math.max(0, v[c] ?? 0))
}

function applyYuvOp(op: Extract<ColorOp, { kind: 'eq' | 'grey' }>, px: Float64Array): void {
  clip8(px)
  if (op.kind === 'grey') {
    px[1] = 128
    px[2] = 128
    return
  }
  // eq only runs a plane's curve when its parameters differ from identity (it copies otherwise).
  if (op.brightness !== 0 || op.contrast !== 1)
    px[0] = eqCurve(px[0] ?? 0, op.contrast, op.brightness)
  if (op.saturation !== 1) {
    px[1] = eqCurve(px[1] ?? 0, op.saturation, 0)
    px[2] = eqCurve(px[2] ?? 0, op.saturation, 0)
  }
}

function applyRgbOp(
  op: Extract<ColorOp, { kind: 'gain' | 'lut' }>,
  px: Float64Array,
  tmp: Float64Array,
): void {
  if (op.kind === 'gain') {
    px[0] = (px[0] ?? 0) * op.r
    px[1] = (px[1] ?? 0) * op.g
    px[2] = (px[2] ?? 0) * op.b
    return
  }
  sampleLut(op.lut, (px[0] ?? 0) / 255, (px[1] ?? 0) / 255, (px[2] ?? 0) / 255, tmp)
  px[0] = (tmp[0] ?? 0) * 255
  px[1] = (tmp[1] ?? 0) * 255
  px[2] = (tmp[2] ?? 0) * 255
}
