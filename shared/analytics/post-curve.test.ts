import { describe, expect, it } from 'vitest'
import { addDays } from './month-doc'
import { againstMedian, ageOf, curveAgainstMedian, type PostHistory } from './post-curve'

/** A post published on `published` with `perDay` views a day for `days` days (daily readings). */
function post(published: string, days: number, perDay: number, every = 1): PostHistory {
  const views = []
  for (let d = 0; d < days; d += every)
    views.push({ date: addDays(published, d), value: (d + 1) * perDay })
  return { published, views }
}

describe('a post against the median of its peers at the same age', () => {
  it('compares day by day with the median of the other posts', () => {
    const me = post('2026-03-01', 5, 300)
    const peers = [
      post('2026-01-01', 30, 100),
      post('2026-01-10', 30, 200),
      post('2026-02-01', 30, 400),
    ]
    const curve = curveAgainstMedian(me, peers)
    expect(curve).toHaveLength(5)
    expect(curve[0]).toEqual({ age: 0, views: 300, median: 200, peers: 3 })
    expect(curve[4]).toEqual({ age: 4, views: 1500, median: 1000, peers: 3 })
    expect(againstMedian(curve)).toBeCloseTo(0.5)
  })

  it('counts a peer only up to its own age, and gives no median under three peers', () => {
    const me = post('2026-01-01', 40, 100)
    const peers = [
      post('2026-02-01', 40, 100),
      post('2026-02-01', 40, 300),
      post('2026-03-01', 10, 900),
    ]
    const curve = curveAgainstMedian(me, peers)
    expect(curve[5]).toMatchObject({ peers: 3, median: 1800 })
    // From age 10 on, the young post no longer counts: two peers are no norm.
    expect(curve[10]).toMatchObject({ peers: 2, median: null })
    expect(againstMedian(curve)).toBeCloseTo((600 - 1800) / 1800)
  })

  it('steps between weekly readings after the daily ones, and starts empty without a reading', () => {
    const me: PostHistory = {
      published: '2026-01-01',
      views: [
        { date: '2026-01-02', value: 50 },
        { date: '2026-01-09', value: 90 },
      ],
    }
    const curve = curveAgainstMedian(me, [])
    expect(ageOf(me)).toBe(8)
    expect(curve.map((p) => p.views)).toEqual([null, 50, 50, 50, 50, 50, 50, 50, 90])
    expect(curve.every((p) => p.median === null)).toBe(true)
    expect(againstMedian(curve)).toBeNull()
  })

  it('keeps a platform correction (a count going down) as read', () => {
    const me: PostHistory = {
      published: '2026-01-01',
      views: [
        { date: '2026-01-01', value: 500 },
        { date: '2026-01-02', value: 420 },
      ],
    }
    expect(curveAgainstMedian(me, []).map((p) => p.views)).toEqual([500, 420])
  })

  it('has no curve for a post without readings', () => {
    expect(
      curveAgainstMedian({ published: '2026-01-01', views: [] }, [post('2025-01-01', 9, 1)]),
    ).toEqual([])
  })

  it('caps a long life at maxAge', () => {
    expect(curveAgainstMedian(post('2025-01-01', 400, 1, 7), [], 90)).toHaveLength(91)
  })
})
