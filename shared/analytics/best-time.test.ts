import { describe, expect, it } from 'vitest'
import type { MetricDoc } from '../data/collections/metrics'
import { bestTimeGrid } from './best-time'
import { emptyMonth, putDays } from './month-doc'

const month = (postId: string, days: [string, number][]): MetricDoc => ({
  id: `m-${postId}`,
  workspaceId: 'w',
  updatedAt: 1,
  _deleted: false,
  accountId: 'a',
  postId,
  ...putDays(
    emptyMonth('2024-03', false),
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
  it('puts each post in its weekday × hour (UTC) with its views after 7 days; medians per cell', () => {
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
    const grid = bestTimeGrid(posts, months)
    expect(grid.posts).toBe(3)
    expect(grid.cells[0]?.[18]).toBe(2000)
    // A gap on day 7: the last reading before it counts.
    expect(grid.cells[2]?.[9]).toBe(50)
    expect(grid.cells[3]?.[9]).toBeNull()
  })
})
