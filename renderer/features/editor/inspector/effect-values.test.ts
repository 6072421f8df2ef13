import { describe, expect, it } from 'vitest'
import { effectSchema, type Effect } from '../../../../shared/timeline/effects'
import {
  ADJUSTMENTS,
  adjustmentValue,
  isBlackAndWhite,
  lookOf,
  lutChoices,
  lutLabel,
  lutOf,
  NO_LUT,
  withAdjustment,
  withBlackAndWhite,
  withLook,
  withLut,
  type AdjustmentKey,
} from './effect-values'

const adjustment = (key: AdjustmentKey) => {
  const found = ADJUSTMENTS.find((a) => a.key === key)
  if (!found) throw new Error(`no adjustment ${key}`)
  return found
}

describe('effect controls ↔ the clip effects list', () => {
  it('reads neutral values from an empty list and writes nothing for them', () => {
    for (const a of ADJUSTMENTS) {
      expect(adjustmentValue([], a)).toBe(a.neutral)
      expect(withAdjustment([], a, a.neutral)).toEqual([])
    }
  })

  it('makes effects the model accepts at both ends of every range', () => {
    for (const a of ADJUSTMENTS) {
      for (const value of [a.min, a.max].filter((v) => v !== a.neutral)) {
        const effects = withAdjustment([], a, value)
        expect(effects).toHaveLength(1)
        expect(effectSchema.safeParse(effects[0]).success).toBe(true)
        expect(adjustmentValue(effects, a)).toBeCloseTo(value, 6)
      }
    }
  })

  it('shows the vignette angle as a percentage of its range (π/5 is 40 %)', () => {
    const vignette = adjustment('vignette')
    expect(adjustmentValue([{ type: 'vignette', angle: Math.PI / 5 }], vignette)).toBe(40)
    expect(withAdjustment([], vignette, 50)).toEqual([{ type: 'vignette', angle: Math.PI / 4 }])
  })

  it('changes an effect in place, keeps the look and other effects, and drops it at neutral', () => {
    const effects: Effect[] = [
      { type: 'contrast', value: 1.2 },
      { type: 'preset', name: 'warm' },
      { type: 'blur', radius: 3 },
      { type: 'contrast', value: 0.5 },
    ]
    const contrast = adjustment('contrast')
    expect(adjustmentValue(effects, contrast)).toBe(1.2)
    expect(withAdjustment(effects, contrast, 2)).toEqual([
      { type: 'contrast', value: 2 },
      { type: 'preset', name: 'warm' },
      { type: 'blur', radius: 3 },
    ])
    expect(withAdjustment(effects, contrast, 1)).toEqual([
      { type: 'preset', name: 'warm' },
      { type: 'blur', radius: 3 },
    ])
    expect(withAdjustment(effects, adjustment('brightness'), 0.1).at(-1)).toEqual({
      type: 'brightness',
      value: 0.1,
    })
  })

  it('switches black and white, and picks a LUT or none', () => {
    const on = withBlackAndWhite([{ type: 'preset', name: 'vivid' }], true)
    expect(isBlackAndWhite(on)).toBe(true)
    expect(withBlackAndWhite(on, true)).toEqual(on)
    expect(withBlackAndWhite(on, false)).toEqual([{ type: 'preset', name: 'vivid' }])

    const graded = withLut(on, 'warm.cube')
    expect(lutOf(graded)).toBe('warm.cube')
    expect(lutOf(withLut(graded, 'teal-orange.cube'))).toBe('teal-orange.cube')
    expect(withLut(graded, NO_LUT)).toEqual(on)
    expect(lutOf([])).toBe(NO_LUT)
  })

  it('offers the bundled LUTs, and keeps one the project uses that this build lacks', () => {
    expect(lutChoices(['warm.cube', 'teal-orange.cube'], NO_LUT)).toEqual([
      NO_LUT,
      'teal-orange.cube',
      'warm.cube',
    ])
    expect(lutChoices(['warm.cube'], 'film.cube')).toEqual([NO_LUT, 'warm.cube', 'film.cube'])
    expect(lutLabel('teal-orange.cube')).toBe('Teal orange')
    expect(lutLabel(NO_LUT)).toBe('None')
  })

  it('keeps one look: picking another replaces it, none removes it', () => {
    const effects: Effect[] = [{ type: 'blur', radius: 2 }]
    const warm = withLook(effects, 'warm')
    expect(lookOf(warm)).toBe('warm')
    expect(lookOf(withLook(warm, 'noir'))).toBe('noir')
    expect(withLook(warm, 'none')).toEqual(effects)
  })
})
