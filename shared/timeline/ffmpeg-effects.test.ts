import { describe, expect, it } from 'vitest'
import { mergeEqPasses } from './ffmpeg-effects'

describe('mergeEqPasses', () => {
  it('folds one luma term and saturation into one eq, in either order', () => {
    expect(mergeEqPasses(['eq=saturation=1.2', 'eq=contrast=1.1'])).toEqual([
      'eq=saturation=1.2:contrast=1.1',
    ])
    expect(mergeEqPasses(['eq=brightness=0.1', 'eq=saturation=0.5'])).toEqual([
      'eq=brightness=0.1:saturation=0.5',
    ])
  })

  it('keeps two luma terms apart (their order and the clipping between them matter)', () => {
    expect(mergeEqPasses(['eq=brightness=0.1', 'eq=contrast=1.2', 'eq=saturation=0.5'])).toEqual([
      'eq=brightness=0.1',
      'eq=contrast=1.2:saturation=0.5',
    ])
    expect(mergeEqPasses(['eq=contrast=1.2', 'eq=contrast=1.1'])).toEqual([
      'eq=contrast=1.2',
      'eq=contrast=1.1',
    ])
  })

  it('never merges across another filter or two saturations', () => {
    expect(mergeEqPasses(['eq=saturation=1.2', 'hue=s=0', 'eq=contrast=1.1'])).toEqual([
      'eq=saturation=1.2',
      'hue=s=0',
      'eq=contrast=1.1',
    ])
    expect(mergeEqPasses(['eq=saturation=1.2', 'eq=saturation=0.8'])).toHaveLength(2)
    expect(mergeEqPasses([])).toEqual([])
  })
})
