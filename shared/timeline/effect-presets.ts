import type { Effect, PresetName, PrimitiveEffect } from './effects'

/**
 * Named looks. They expand to primitive effects only (no LUT files), so every preset works
 * without resources and the preview compositor implements nothing extra for them.
 */
export const EFFECT_PRESETS: Readonly<Record<PresetName, readonly PrimitiveEffect[]>> = {
  warm: [
    { type: 'temperature', kelvin: 5000 },
    { type: 'saturation', value: 1.1 },
  ],
  cool: [{ type: 'temperature', kelvin: 8500 }],
  vintage: [
    { type: 'saturation', value: 0.7 },
    { type: 'contrast', value: 0.9 },
    { type: 'temperature', kelvin: 5200 },
    { type: 'vignette', angle: Math.PI / 5 },
  ],
  noir: [
    { type: 'blackAndWhite' },
    { type: 'contrast', value: 1.3 },
    { type: 'vignette', angle: Math.PI / 4 },
  ],
  vivid: [
    { type: 'saturation', value: 1.4 },
    { type: 'contrast', value: 1.1 },
  ],
  fade: [
    { type: 'contrast', value: 0.8 },
    { type: 'brightness', value: 0.05 },
    { type: 'saturation', value: 0.8 },
  ],
}

/** Replaces each preset by its effects, in place, keeping the user's order. */
export function expandEffects(effects: readonly Effect[]): PrimitiveEffect[] {
  return effects.flatMap((effect) =>
    effect.type === 'preset' ? [...EFFECT_PRESETS[effect.name]] : [effect],
  )
}
