import { describe, expect, it } from 'vitest'
import type { MetricDoc } from '../data/collections/metrics'
import { bestTimeGrid } from './best-time'
import { emptyMonth, putDays } from './month-doc'

const month = (postId: string, days: [string, number][]): MetricDoc => ({
  id: `m-${postId}-${days[0]?.[0].slice(0, 7)}`,
  workspaceId: 'w',
  updatedAt: 1,
  _deleted: false,
  accountId: 'a',
  postId,
  ...putDays(
    emptyMonth(days[0]?.[0].slice(0, 7) ?? '2024-03', false),
    days.map(([date, views]) => ({
      date,
      views,
      likes: 0,
      comments: 0,
      shares: 0,
      saves: 0,
      watchTimeMs: 0,
    })),
  ),
})

describe('best time to post', () => {
  it('puts each post in its weekday × hour (UTC account) with its views after 7 days; medians per cell', () => {
    // 2024-03-04 is a Monday.
    const posts = [
      { id: 'p1', publishedAt: Date.UTC(2024, 2, 4, 18, 30) },
      { id: 'p2', publishedAt: Date.UTC(2024, 2, 4, 18, 5) },
      { id: 'p3', publishedAt: Date.UTC(2024, 2, 6, 9) },
      // Too young: no reading 7 days after publication.
      { id: 'p4', publishedAt: Date.UTC(2024, 2, 25, 9) },
      { id: 'p5', publishedAt: null },
    ]
    const months = new Map([
      [
        'p1',
        [
          month('p1', [
            ['2024-03-04', 10],
            ['2024-03-11', 1000],
            ['2024-03-20', 2000],
          ]),
        ],
      ],
      ['p2', [month('p2', [['2024-03-11', 3000]])]],
      [
        'p3',
        [
          month('p3', [
            ['2024-03-09', 50],
            ['2024-03-15', 70],
          ]),
        ],
      ],
      ['p4', [month('p4', [['2024-03-28', 5]])]],
    ])
    const grid = bestTimeGrid(posts, months, 'UTC')
    expect(grid.posts).toBe(3)
    expect(grid.cells[0]?.[18]).toBe(2000)
    // A gap on day 7: the last reading before it counts.
    expect(grid.cells[2]?.[9]).toBe(50)
    expect(grid.cells[3]?.[9]).toBeNull()
  })
})

describe('best time on the account’s clock', () => {
  // Europe/Berlin moves to summer time on Sunday 2026-03-29 at 01:00 UTC.
  const views = (postId: string, from: string) => [
    month(postId, [[from, 1]]),
    month(postId, [['2026-04-20', 500]]),
  ]
  const posts = [
    // 09:30 Berlin on Saturday (CET, UTC+1) and on Sunday (CEST, UTC+2).
    { id: 'sat', publishedAt: Date.UTC(2026, 2, 28, 8, 30) },
    { id: 'sun', publishedAt: Date.UTC(2026, 2, 29, 7, 30) },
  ]
  const months = new Map([
    ['sat', views('sat', '2026-03-28')],
    ['sun', views('sun', '2026-03-29')],
  ])
  const filled = (zone: string) => {
    const grid = bestTimeGrid(posts, months, zone)
    return grid.cells.flatMap((hours, day) =>
      hours.flatMap((v, hour) => (v === null ? [] : [`${day}@${hour}`])),
    )
  }

  it.each([
    // Both at 09:00 on Berlin's clock, either side of the change.
    ['Europe/Berlin', ['5@9', '6@9']],
    // UTC sees two different hours.
    ['UTC', ['5@8', '6@7']],
    // New York changed two weeks earlier (EDT, UTC−4).
    ['America/New_York', ['5@4', '6@3']],
    // Half-hour offset, no DST: Saturday 14:00 and Sunday 13:00 in Kolkata.
    ['Asia/Kolkata', ['5@14', '6@13']],
    // Far east (NZDT, UTC+13 until April): the same evening hours a day apart.
    ['Pacific/Auckland', ['5@21', '6@20']],
  ])('%s', (zone, cells) => {
    expect(filled(zone)).toEqual(cells)
  })
})
