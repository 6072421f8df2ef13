import { describe, expect, it } from 'vitest'
import { addMarker, setTransition } from '../../../../shared/timeline/edit'
import { TimelineError, createTimeline } from '../../../../shared/timeline/model'
import { fromPercent, fromSeconds, readableError, toPercent, toSeconds } from './units'

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof TimelineError) return error.message
  }
  throw new Error('expected a TimelineError')
}

describe('inspector units', () => {
  it('shows fractions as percentages without float noise, and back', () => {
    expect(toPercent(0.82)).toBe(82)
    expect(toPercent(0.1 + 0.2)).toBe(30)
    expect(fromPercent(82.5)).toBe(0.825)
    expect(fromPercent(toPercent(0.333333))).toBe(0.3333)
  })

  it('shows milliseconds as seconds and rounds typed seconds to whole milliseconds', () => {
    expect(toSeconds(1500)).toBe(1.5)
    expect(fromSeconds(1.2345)).toBe(1235)
    expect(fromSeconds(0.1 + 0.2)).toBe(300)
  })

  it('drops the operation and field path from a model refusal, keeping the reason', () => {
    const empty = refusal(() => addMarker(createTimeline(), { id: 'm', productId: '', atMs: 0 }))
    expect(empty).toMatch(/^addMarker: markers\[0\]\.productId: /)
    expect(readableError(empty)).toBe('ProductId cannot be empty')

    const last = refusal(() =>
      setTransition(createTimeline(), 'x', { type: 'crossfade', durationMs: 500 }),
    )
    expect(readableError(last)).toBe('No clip with id "x"')
    expect(readableError('a: b.c[1]: too long; a2: too long')).toBe('Too long')
  })
})
