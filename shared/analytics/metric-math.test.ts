import { describe, expect, it } from 'vitest'
import {
  dailyPoints,
  engagementRate,
  gained,
  median,
  periodRange,
  relativeChange,
  sumTotals,
  totalsOf,
  valueAt,
  type SeriesSet,
} from './metric-math'
import type { DatedValue } from './month-doc'

const s = (...pairs: [string, number][]): DatedValue[] =>
  pairs.map(([date, value]) => ({ date, value }))

describe('period ranges', () => {
  it.each([
    ['7d', '2024-03-07', '2024-03-01', '2024-02-23'],
    ['28d', '2024-03-28', '2024-03-01', '2024-02-02'],
    ['365d', '2024-12-30', '2024-01-01', '2023-01-01'],
  ] as const)(
    '%s ending %s starts %s; the previous period starts %s',
    (kind, today, from, prev) => {
      const p = periodRange(kind, today, '2020-01-01')
      expect(p.current).toEqual({ from, to: today })
      expect(p.previous?.from).toBe(prev)
    },
  )

  it('all time starts at the first reading and has no previous period', () => {
    expect(periodRange('all', '2024-03-07', '2023-05-02')).toEqual({
      current: { from: '2023-05-02', to: '2024-03-07' },
      previous: null,
    })
  })

  it('a custom range given backwards is put in order; its previous period is as long', () => {
    const p = periodRange('custom', '2024-03-07', '2020-01-01', {
      from: '2024-02-10',
      to: '2024-02-01',
    })
    expect(p.current).toEqual({ from: '2024-02-01', to: '2024-02-10' })
    expect(p.previous).toEqual({ from: '2024-01-22', to: '2024-01-31' })
  })
})

describe('gains from cumulative counts', () => {
  const views = s(['2024-01-01', 100], ['2024-01-02', 150], ['2024-01-05', 300])

  it('last reading in the range minus the last before it, across a gap', () => {
    expect(gained(views, { from: '2024-01-02', to: '2024-01-04' })).toBe(50)
    expect(gained(views, { from: '2024-01-03', to: '2024-01-05' })).toBe(150)
    expect(valueAt(views, '2024-01-04')).toBe(150)
  })

  it('history starting inside the range counts from its first reading', () => {
    expect(gained(views, { from: '2023-12-01', to: '2024-01-05' })).toBe(200)
  })

  it('no reading at all is null, not zero', () => {
    expect(gained(views, { from: '2023-01-01', to: '2023-01-31' })).toBeNull()
    expect(gained([], { from: '2023-01-01', to: '2023-01-31' })).toBeNull()
  })

  it('a platform correction (a count that goes down) shows as a negative day, never double counted', () => {
    const corrected = s(['2024-01-01', 100], ['2024-01-02', 180], ['2024-01-03', 170])
    expect(gained(corrected, { from: '2024-01-02', to: '2024-01-03' })).toBe(70)
    expect(dailyPoints(corrected, { from: '2024-01-01', to: '2024-01-04' })).toEqual([
      { date: '2024-01-01', level: 100, gain: 0 },
      { date: '2024-01-02', level: 180, gain: 80 },
      { date: '2024-01-03', level: 170, gain: -10 },
      { date: '2024-01-04', level: 170, gain: null },
    ])
  })
})

describe('rates and comparisons', () => {
  it('engagement rate is interactions over views; null without views', () => {
    expect(engagementRate({ views: 1000, likes: 80, comments: 10, shares: 5, saves: 5 })).toBe(0.1)
    expect(engagementRate({ views: 0, likes: 1, comments: 0, shares: 0, saves: 0 })).toBeNull()
    expect(engagementRate({ views: null, likes: 1, comments: 0, shares: 0, saves: 0 })).toBeNull()
  })

  it.each([
    [150, 100, 0.5],
    [50, 100, -0.5],
    [10, 0, null],
    [null, 10, null],
    [-20, -10, -1],
  ])('change from %s vs %s is %s', (current, previous, change) => {
    expect(relativeChange(current, previous)).toBe(change)
  })

  it('median of odd, even and empty lists', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNull()
  })
})

describe('totals and the roll-up', () => {
  const series = (v: number, f: number): SeriesSet => ({
    views: s(['2024-01-01', 0], ['2024-01-02', v]),
    likes: s(['2024-01-01', 0], ['2024-01-02', v / 10]),
    comments: s(['2024-01-01', 0], ['2024-01-02', 0]),
    shares: s(['2024-01-01', 0], ['2024-01-02', 0]),
    saves: s(['2024-01-01', 0], ['2024-01-02', 0]),
    watchTimeMs: s(['2024-01-01', 0], ['2024-01-02', v * 5000]),
    followers: s(['2024-01-01', f], ['2024-01-02', f + 10]),
    profileViews: [],
  })
  const range = { from: '2024-01-02', to: '2024-01-02' }

  it('an account: gains, follower level and gain, average watch time, engagement', () => {
    expect(totalsOf(series(1000, 500), range)).toMatchObject({
      views: 1000,
      likes: 100,
      followers: 510,
      followersGained: 10,
      averageWatchMs: 5000,
      engagementRate: 0.1,
      profileViews: null,
    })
  })

  it('the roll-up sums every account and recomputes the rates from the sums', () => {
    const sum = sumTotals([totalsOf(series(1000, 500), range), totalsOf(series(3000, 0), range)])
    expect(sum).toMatchObject({
      views: 4000,
      likes: 400,
      followers: 520,
      followersGained: 20,
      averageWatchMs: 5000,
      engagementRate: 0.1,
      profileViews: null,
    })
  })
})
