import { describe, expect, it } from 'vitest'
import type { BestTimeGrid } from './best-time'
import { bestTimesText, heatLevels } from './best-time-hints'

const grid = (cells: [number, number, number][], posts = cells.length): BestTimeGrid => {
  const out: (number | null)[][] = Array.from({ length: 7 }, () =>
    Array.from({ length: 24 }, () => null),
  )
  for (const [d, h, v] of cells) out[d]![h] = v
  return { cells: out, posts, zone: 'Europe/Berlin' }
}

describe('best-time hints for the calendar', () => {
  it('shades relative to the best cell, and leaves hours without posts unshaded', () => {
    const levels = heatLevels(
      grid([
        [0, 18, 1000],
        [2, 9, 500],
        [5, 12, 10],
        [6, 3, 0],
      ]),
    )
    expect(levels[0]?.[18]).toBe(4)
    expect(levels[2]?.[9]).toBe(2)
    // A poor hour that was tried still shows as tried.
    expect(levels[5]?.[12]).toBe(1)
    expect(levels[6]?.[3]).toBe(1)
    expect(levels[1]?.[9]).toBe(0)
  })

  it('says the best hours in words on the account’s clock, best first', () => {
    expect(
      bestTimesText(
        grid([
          [2, 9, 500],
          [0, 18, 1000],
          [5, 12, 10],
          [4, 20, 700],
        ]),
        3,
      ),
    ).toBe(
      'Best times to post (Europe/Berlin): Mon 18:00, Fri 20:00, Wed 09:00 — by the median views after 7 days of 4 posts.',
    )
  })

  it('says what is missing when there is no history', () => {
    expect(bestTimesText(grid([]))).toContain('No best times yet')
    expect(
      heatLevels(grid([]))
        .flat()
        .every((l) => l === 0),
    ).toBe(true)
  })
})
