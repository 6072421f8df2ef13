import { describe, expect, it } from 'vitest'
import { EFFECT_PRESETS, expandEffects } from './effect-presets'
import { PRESET_NAMES, primitiveEffectSchema } from './effects'

describe('effect presets', () => {
  it('defines every preset with valid primitive effects', () => {
    for (const name of PRESET_NAMES) {
      const effects = EFFECT_PRESETS[name]
      expect(effects.length).toBeGreaterThan(0)
      for (const effect of effects) expect(primitiveEffectSchema.parse(effect)).toEqual(effect)
    }
  })

  it('expands presets in place and keeps the order', () => {
    expect(
      expandEffects([
        { type: 'brightness', value: 0.1 },
        { type: 'preset', name: 'cool' },
        { type: 'blackAndWhite' },
      ]),
    ).toEqual([
      { type: 'brightness', value: 0.1 },
      { type: 'temperature', kelvin: 8500 },
      { type: 'blackAndWhite' },
    ])
  })
})
