import { expandEffects } from './effect-presets'
import type { Effect, PrimitiveEffect } from './effects'
import { escapeFilterValue, num } from './ffmpeg-escape'

/** One ffmpeg filter per effect, in the user's order (eq's terms do not commute across filters). */
export function effectFilter(effect: PrimitiveEffect, lutDir: string): string | null {
  switch (effect.type) {
    case 'brightness':
      return effect.value === 0 ? null : `eq=brightness=${num(effect.value)}`
    case 'contrast':
      return effect.value === 1 ? null : `eq=contrast=${num(effect.value)}`
    case 'saturation':
      return effect.value === 1 ? null : `eq=saturation=${num(effect.value)}`
    case 'temperature':
      return `colortemperature=temperature=${num(effect.kelvin)}`
    case 'lut':
      return `lut3d=file=${escapeFilterValue(joinPath(lutDir, effect.file))}`
    case 'blur':
      return effect.radius === 0 ? null : `gblur=sigma=${num(effect.radius)}`
    case 'vignette':
      return `vignette=angle=${num(effect.angle)}`
    case 'blackAndWhite':
      return 'hue=s=0'
  }
}

export function effectFilters(effects: readonly Effect[], lutDir: string): string[] {
  return expandEffects(effects)
    .map((e) => effectFilter(e, lutDir))
    .filter((f): f is string => f !== null)
}

/** Joins a directory of the ffmpeg FS and a validated bare file name. */
export function joinPath(dir: string, file: string): string {
  return dir === '' ? file : `${dir.replace(/\/+$/, '')}/${file}`
}
