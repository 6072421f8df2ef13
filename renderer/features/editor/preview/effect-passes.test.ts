import { describe, expect, it } from 'vitest'
import { effectPasses } from './effect-passes'

describe('effectPasses', () => {
  it('groups consecutive colour effects and keeps the order around spatial ones', () => {
    expect(
      effectPasses([
        { type: 'brightness', value: 0.1 },
        { type: 'contrast', value: 1.2 },
        { type: 'blur', radius: 4 },
        { type: 'blur', radius: 0 },
        { type: 'preset', name: 'noir' },
      ]),
    ).toEqual([
      {
        kind: 'color',
        effects: [
          { type: 'brightness', value: 0.1 },
          { type: 'contrast', value: 1.2 },
        ],
      },
      { kind: 'blur', sigma: 4 },
      { kind: 'color', effects: [{ type: 'blackAndWhite' }, { type: 'contrast', value: 1.3 }] },
      { kind: 'vignette', angle: Math.PI / 4 },
    ])
  })
})
