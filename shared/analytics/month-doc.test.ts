import { describe, expect, it } from 'vitest'
import {
  daysInMonth,
  emptyMonth,
  keepsPostDay,
  putDays,
  readings,
  thinPostMonth,
  type DayReading,
} from './month-doc'

const reading = (date: string, views: number): DayReading => ({
  date,
  views,
  likes: 1,
  comments: 0,
  shares: 0,
  saves: 0,
  watchTimeMs: 0,
  followers: 10,
  profileViews: null,
})

describe('month documents', () => {
  it.each([
    ['2024-02', 29],
    ['2023-02', 28],
    ['2023-12', 31],
    ['2023-11', 30],
  ])('%s has %i day slots', (month, days) => {
    expect(daysInMonth(month)).toBe(days)
    expect(emptyMonth(month, true).views).toHaveLength(days)
  })

  it('puts readings in their slots, leaves the input alone, and reads them back in date order', () => {
    const empty = emptyMonth('2023-11', true)
    const filled = putDays(empty, [reading('2023-11-30', 9), reading('2023-11-01', 4)])
    expect(empty.views.every((v) => v === null)).toBe(true)
    const earlier = putDays(emptyMonth('2023-10', true), [reading('2023-10-31', 2)])
    expect(readings([filled, earlier], 'views')).toEqual([
      { date: '2023-10-31', value: 2 },
      { date: '2023-11-01', value: 4 },
      { date: '2023-11-30', value: 9 },
    ])
    expect(readings([filled], 'profileViews')).toEqual([])
  })

  it('refuses a reading from another month', () => {
    expect(() => putDays(emptyMonth('2023-11', true), [reading('2023-12-01', 1)])).toThrow(
      RangeError,
    )
  })

  it('keeps account-only measures null on posts', () => {
    const post = putDays(emptyMonth('2023-11', false), [reading('2023-11-02', 3)])
    expect(post.followers).toBeNull()
  })

  it.each([
    // published, date, latest, kept
    ['2023-01-01', '2023-03-31', '2023-12-31', true], // day 89: daily
    ['2023-01-01', '2023-04-01', '2023-12-31', true], // day 90: first weekly day
    ['2023-01-01', '2023-04-02', '2023-12-31', false],
    ['2023-01-01', '2023-04-08', '2023-12-31', true], // day 97
    ['2023-01-01', '2023-04-09', '2023-04-09', true], // the latest reading
  ])('a post published %s keeps %s (latest %s): %s', (published, date, latest, kept) => {
    expect(keepsPostDay(published, date, latest)).toBe(kept)
  })

  it('thins a post month after day 90 to weekly readings plus its latest', () => {
    const days = Array.from({ length: 30 }, (_, i) =>
      reading(`2023-06-${String(i + 1).padStart(2, '0')}`, i),
    )
    const thin = thinPostMonth(putDays(emptyMonth('2023-06', false), days), '2023-01-01')
    const kept = readings([thin], 'views').map((p) => p.date)
    // 2023-01-01 + 90 days = 2023-04-01; weekly after: Jun 3, 10, 17, 24 — and the 30th (latest).
    expect(kept).toEqual(['2023-06-03', '2023-06-10', '2023-06-17', '2023-06-24', '2023-06-30'])
  })
})
