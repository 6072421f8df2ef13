import {
  PRESET_NAMES,
  type Effect,
  type PrimitiveEffect,
} from '../../../../shared/timeline/effects'

/**
 * A clip's effects list as the inspector's controls see it: one value per adjustment, a
 * black-and-white switch, one LUT and one look (preset). The list in the model is ordered and may
 * hold anything; the controls read the first effect of each type and write it back in place, so a
 * timeline made elsewhere keeps its order. A control at its neutral value removes the effect
 * rather than storing a no-op (the compiler would still emit a filter for it).
 */

export const LOOKS = ['none', ...PRESET_NAMES] as const
export type Look = (typeof LOOKS)[number]

/** The clip's look: the one preset it uses, or none (other effects are kept as they are). */
export function lookOf(effects: readonly Effect[]): Look {
  const preset = effects.find((e) => e.type === 'preset')
  return preset && preset.type === 'preset' ? preset.name : 'none'
}

export function withLook(effects: readonly Effect[], look: Look): Effect[] {
  const rest = effects.filter((e) => e.type !== 'preset')
  return look === 'none' ? rest : [...rest, { type: 'preset', name: look }]
}

export type AdjustmentKey =
  'brightness' | 'contrast' | 'saturation' | 'temperature' | 'blur' | 'vignette'

export interface Adjustment {
  readonly key: AdjustmentKey
  readonly label: string
  /** Range and step of the control, in the control's unit. */
  readonly min: number
  readonly max: number
  readonly step: number
  /** The value that changes nothing: the effect is left out. */
  readonly neutral: number
  toEffect(value: number): PrimitiveEffect
  fromEffect(effect: PrimitiveEffect): number
}

const HALF_PI = Math.PI / 2

/** Ranges are the model's (shared/timeline/effects.ts), so the model never refuses a control. */
export const ADJUSTMENTS: readonly Adjustment[] = [
  {
    key: 'brightness',
    label: 'Brightness',
    min: -1,
    max: 1,
    step: 0.05,
    neutral: 0,
    toEffect: (value) => ({ type: 'brightness', value }),
    fromEffect: (e) => (e.type === 'brightness' ? e.value : 0),
  },
  {
    key: 'contrast',
    label: 'Contrast (×)',
    min: 0,
    max: 3,
    step: 0.05,
    neutral: 1,
    toEffect: (value) => ({ type: 'contrast', value }),
    fromEffect: (e) => (e.type === 'contrast' ? e.value : 1),
  },
  {
    key: 'saturation',
    label: 'Saturation (×)',
    min: 0,
    max: 3,
    step: 0.05,
    neutral: 1,
    toEffect: (value) => ({ type: 'saturation', value }),
    fromEffect: (e) => (e.type === 'saturation' ? e.value : 1),
  },
  {
    // ffmpeg's colortemperature: the neutral point is 6500 K and lower values look warmer.
    key: 'temperature',
    label: 'Temperature (K)',
    min: 1000,
    max: 40000,
    step: 100,
    neutral: 6500,
    toEffect: (kelvin) => ({ type: 'temperature', kelvin }),
    fromEffect: (e) => (e.type === 'temperature' ? e.kelvin : 6500),
  },
  {
    key: 'blur',
    label: 'Blur (px)',
    min: 0,
    max: 100,
    step: 1,
    neutral: 0,
    toEffect: (radius) => ({ type: 'blur', radius }),
    fromEffect: (e) => (e.type === 'blur' ? e.radius : 0),
  },
  {
    // The model stores ffmpeg's vignette angle (0..π/2 rad); a percentage of that range reads
    // better than radians, and ffmpeg's default π/5 comes out as a round 40 %.
    key: 'vignette',
    label: 'Vignette (%)',
    min: 0,
    max: 100,
    step: 5,
    neutral: 0,
    toEffect: (percent) => ({ type: 'vignette', angle: (percent / 100) * HALF_PI }),
    fromEffect: (e) => (e.type === 'vignette' ? Math.round((e.angle / HALF_PI) * 1000) / 10 : 0),
  },
]

/** The control value for `key`: the first such effect of the clip's own list, else neutral. */
export function adjustmentValue(effects: readonly Effect[], adjustment: Adjustment): number {
  const found = effects.find((e) => e.type === adjustment.key)
  return found && found.type !== 'preset' ? adjustment.fromEffect(found) : adjustment.neutral
}

/**
 * Puts `effect` where the first effect of its type was (dropping any later duplicates, which the
 * controls could not show), or removes them all with null; appends when there was none.
 */
function replaceFirst(
  effects: readonly Effect[],
  type: PrimitiveEffect['type'],
  effect: PrimitiveEffect | null,
): Effect[] {
  let seen = false
  const next: Effect[] = []
  for (const e of effects) {
    if (e.type !== type) next.push(e)
    else if (!seen) {
      seen = true
      if (effect) next.push(effect)
    }
  }
  if (!seen && effect) next.push(effect)
  return next
}

export function withAdjustment(
  effects: readonly Effect[],
  adjustment: Adjustment,
  value: number,
): Effect[] {
  const effect = value === adjustment.neutral ? null : adjustment.toEffect(value)
  return replaceFirst(effects, adjustment.key, effect)
}

export function isBlackAndWhite(effects: readonly Effect[]): boolean {
  return effects.some((e) => e.type === 'blackAndWhite')
}

export function withBlackAndWhite(effects: readonly Effect[], on: boolean): Effect[] {
  return replaceFirst(effects, 'blackAndWhite', on ? { type: 'blackAndWhite' } : null)
}

export const NO_LUT = 'none'

/** The clip's LUT file name, or NO_LUT. */
export function lutOf(effects: readonly Effect[]): string {
  const lut = effects.find((e) => e.type === 'lut')
  return lut && lut.type === 'lut' ? lut.file : NO_LUT
}

export function withLut(effects: readonly Effect[], file: string): Effect[] {
  return replaceFirst(effects, 'lut', file === NO_LUT ? null : { type: 'lut', file })
}

/** The LUTs to offer: the bundled ones, plus one a synced project uses that this build lacks. */
export function lutChoices(bundled: Iterable<string>, current: string): string[] {
  const files = [...new Set(bundled)].sort()
  return [NO_LUT, ...files, ...(current !== NO_LUT && !files.includes(current) ? [current] : [])]
}

/** "teal-orange.cube" → "Teal orange". */
export function lutLabel(file: string): string {
  if (file === NO_LUT) return 'None'
  const words = file.replace(/\.cube$/i, '').replace(/[-_]+/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
