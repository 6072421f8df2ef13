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
  return mergeEqPasses(
    expandEffects(effects)
      .map((e) => effectFilter(e, lutDir))
      .filter((f): f is string => f !== null),
  )
}

const LUMA_TERMS = new Set(['brightness', 'contrast'])

/**
 * Folds neighbouring `eq` filters into one pass (one frame walk less each) where that is exact:
 * eq maps luma through one table (contrast, then brightness) and scales chroma by saturation
 * separately, so one luma term and saturation commute. Two luma terms stay apart — one filter
 * would drop the clipping between them and apply them in eq's order, not the user's.
 */
export function mergeEqPasses(filters: readonly string[]): string[] {
  const out: string[] = []
  for (const filter of filters) {
    const last = out.length - 1
    const previous = out[last]
    if (previous !== undefined && mergeable(previous, filter)) {
      out[last] = `${previous}:${filter.slice('eq='.length)}`
    } else {
      out.push(filter)
    }
  }
  return out
}

function eqTerms(filter: string): string[] | null {
  if (!filter.startsWith('eq=')) return null
  return filter
    .slice('eq='.length)
    .split(':')
    .map((term) => term.split('=')[0] ?? '')
}

function mergeable(a: string, b: string): boolean {
  const first = eqTerms(a)
  const second = eqTerms(b)
  if (first === null || second === null) return false
  const terms = [...first, ...second]
  const luma = terms.filter((t) => LUMA_TERMS.has(t)).length
  const chroma = terms.filter((t) => t === 'saturation').length
  return luma <= 1 && chroma <= 1 && luma + chroma === terms.length
}

/** Joins a directory of the ffmpeg FS and a validated bare file name. */
export function joinPath(dir: string, file: string): string {
  return dir === '' ? file : `${dir.replace(/\/+$/, '')}/${file}`
}
