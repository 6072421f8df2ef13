import { expandEffects, type Effect, type PrimitiveEffect } from '../../../../shared/timeline'

/**
 * Effects grouped into drawing passes, in the user's order (ffmpeg runs one filter per effect
 * and their terms do not commute): consecutive per-pixel effects share one CPU pass; blur and
 * vignette depend on neighbours or position and get their own.
 */
export type EffectPass =
  | { readonly kind: 'color'; readonly effects: readonly PrimitiveEffect[] }
  | { readonly kind: 'blur'; readonly sigma: number }
  | { readonly kind: 'vignette'; readonly angle: number }

export function effectPasses(effects: readonly Effect[]): EffectPass[] {
  const passes: EffectPass[] = []
  let color: PrimitiveEffect[] = []
  const flush = () => {
    if (color.length > 0) passes.push({ kind: 'color', effects: color })
    color = []
  }
  for (const effect of expandEffects(effects)) {
    if (effect.type === 'blur') {
      flush()
      // gblur=sigma=0 is not emitted by the compiler either.
      if (effect.radius > 0) passes.push({ kind: 'blur', sigma: effect.radius })
    } else if (effect.type === 'vignette') {
      flush()
      passes.push({ kind: 'vignette', angle: effect.angle })
    } else {
      color.push(effect)
    }
  }
  flush()
  return passes
}
