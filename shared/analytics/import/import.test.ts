import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { SeriesSet } from '../metric-math'
import { fieldOfColumn } from './columns'
import { parseLooseDate, parseLooseNumber } from './parse-number'
import { planImport, type CellText } from './plan-import'
import { importedReadings } from './to-readings'

const csv = (text: string): string[][] => Papa.parse<string[]>(text.trim()).data

describe('numbers as downloads write them', () => {
  it.each([
    ['1,234', 1234],
    ['1.234', 1234],
    ['1 234', 1234],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['1.2K', 1200],
    ['3M', 3_000_000],
    ['2,5 Mio', 2_500_000],
    ['12,3 %', 0.123],
    ['12.5%', 0.125],
    ['1.234,5', 1234.5],
    ['42', 42],
    [7, 7],
    ['', null],
    ['—', null],
  ] as const)('%s → %s', (text, value) => {
    const n = parseLooseNumber(text)
    if (value === null) expect(n).toBeNull()
    else expect(n).toBeCloseTo(value, 6)
  })

  it.each(['abc', '12a', '1.2.3,4,5'])('%s is not a number', (text) => {
    expect(parseLooseNumber(text)).toBeNaN()
  })

  it.each([
    ['2024-03-07', false, '2024-03-07'],
    ['2024/3/7', false, '2024-03-07'],
    ['07.03.2024', false, '2024-03-07'],
    ['07/03/2024', false, '2024-03-07'],
    ['03/07/2024', true, '2024-03-07'],
    ['31/02/2024', false, null],
    ['March 7', false, null],
  ] as const)('date %s (month first: %s) → %s', (text, monthFirst, date) => {
    expect(parseLooseDate(text, monthFirst)).toBe(date)
  })

  it('knows column names in several spellings and languages', () => {
    expect(fieldOfColumn('Video Views')).toBe('views')
    expect(fieldOfColumn('Videoaufrufe')).toBe('views')
    expect(fieldOfColumn('Visualizaciones de vídeo')).toBe('views')
    expect(fieldOfColumn('Gefällt mir')).toBe('likes')
    expect(fieldOfColumn('Profile views')).toBe('profileViews')
    expect(fieldOfColumn('日期')).toBe('date')
    expect(fieldOfColumn('Reach')).toBeNull()
  })
})

describe('planning an import', () => {
  it('finds the header under a title, maps known columns, leaves the rest to the person', () => {
    const rows = csv(`
Overview,,,,
"Mar 1 – Mar 3, 2024",,,,
Date,Video Views,Profile Views,Likes,Reach
2024-03-01,"1,200",30,100,5
2024-03-02,1.3K,31,110,6
2024-03-03,900,29,90,7
Total,"3,400",90,300,18
`)
    const plan = planImport(rows)
    expect(plan.headerRow).toBe(2)
    expect(plan.columns.map((c) => c.field)).toEqual([
      'date',
      'views',
      'profileViews',
      'likes',
      null,
    ])
    expect(plan.problems).toEqual([])
    expect(plan.days).toEqual([
      { date: '2024-03-01', views: 1200, profileViews: 30, likes: 100 },
      { date: '2024-03-02', views: 1300, profileViews: 31, likes: 110 },
      { date: '2024-03-03', views: 900, profileViews: 29, likes: 90 },
    ])
    // Mapped by hand in the preview: "Reach" as shares.
    expect(planImport(rows, { mapping: { 4: 'shares' } }).days[0]).toMatchObject({ shares: 5 })
  })

  it('reads a German download: semicolons, day-first dates, decimal commas', () => {
    // Papa Parse detects the delimiter.
    const rows = csv(`
Datum;Videoaufrufe;Gefällt mir;Kommentare;Geteilt
07.03.2024;1.234;56;7;1
08.03.2024;2,1K;60;8;2
`)
    expect(planImport(rows).days).toEqual([
      { date: '2024-03-07', views: 1234, likes: 56, comments: 7, shares: 1 },
      { date: '2024-03-08', views: 2100, likes: 60, comments: 8, shares: 2 },
    ])
  })

  it('lists bad rows with their reason and keeps the good ones; duplicates that agree are fine', () => {
    const rows: CellText[][] = [
      ['Date', 'Views', 'Likes'],
      ['2024-03-01', 10, 1],
      ['not a day', 10, 1],
      ['2024-03-02', 'lots', 1],
      ['2024-03-03', -5, 1],
      ['2024-03-01', 10, 1],
      ['2024-03-04', 12, 2],
      ['2024-03-04', 13, 2],
      [new Date(Date.UTC(2024, 2, 5)), 14, 3],
      [],
    ]
    const plan = planImport(rows)
    expect(plan.days.map((d) => d.date)).toEqual(['2024-03-01', '2024-03-04', '2024-03-05'])
    expect(plan.problems).toEqual([
      { row: 3, reason: '“not a day” is not a date' },
      { row: 4, reason: 'Views: “lots” is not a number' },
      { row: 5, reason: 'Views: -5 is negative' },
      { row: 8, reason: '2024-03-04 is also on row 7 with different numbers' },
    ])
  })

  it('without a date column it says what to do', () => {
    const plan = planImport([
      ['Views', 'Likes'],
      [1, 2],
    ])
    expect(plan.days).toEqual([])
    expect(plan.problems[0]?.reason).toMatch(/date column/)
  })
})

describe('imported days → cumulative readings', () => {
  const empty = (): SeriesSet => ({
    views: [],
    likes: [],
    comments: [],
    shares: [],
    saves: [],
    watchTimeMs: [],
    followers: [],
    profileViews: [],
  })

  it('an account without history starts from zero', () => {
    const out = importedReadings(
      [
        { date: '2024-03-01', views: 10, followers: 100 },
        { date: '2024-03-02', views: 5, followers: 103 },
      ],
      empty(),
    )
    expect(out.map((r) => [r.date, r.views, r.followers, r.likes])).toEqual([
      ['2024-03-01', 10, 100, null],
      ['2024-03-02', 15, 103, null],
    ])
  })

  it('history before the first sync is chained backwards; stored days are left as they are', () => {
    const stored = empty()
    stored.views = [
      { date: '2024-03-03', value: 1000 },
      { date: '2024-03-04', value: 1100 },
    ]
    const days = [
      { date: '2024-03-01', views: 40 },
      { date: '2024-03-02', views: 60 },
      { date: '2024-03-03', views: 50 },
      { date: '2024-03-04', views: 100 },
    ]
    const out = importedReadings(days, stored)
    // 03-02 = 1000 − 50 (gained on 03-03); 03-01 = 950 − 60.
    expect(out.map((r) => [r.date, r.views])).toEqual([
      ['2024-03-01', 890],
      ['2024-03-02', 950],
    ])
  })

  it('days separated from the stored ones by a gap are anchored to them (the gap taken as flat)', () => {
    const stored = empty()
    stored.views = [
      { date: '2024-06-01', value: 5000 },
      { date: '2024-06-02', value: 5100 },
    ]
    const older = importedReadings(
      [
        { date: '2024-01-01', views: 10 },
        { date: '2024-01-02', views: 20 },
      ],
      stored,
    )
    expect(older.map((r) => [r.date, r.views])).toEqual([
      ['2024-01-01', 4980],
      ['2024-01-02', 5000],
    ])
    const newer = importedReadings([{ date: '2024-06-10', views: 7 }], stored)
    expect(newer[0]?.views).toBe(5107)
  })

  it('days after the last reading are chained forwards; re-importing changes nothing', () => {
    const stored = empty()
    stored.views = [{ date: '2024-03-01', value: 500 }]
    const out = importedReadings([{ date: '2024-03-02', views: 20 }], stored)
    expect(out[0]?.views).toBe(520)
    stored.views.push({ date: '2024-03-02', value: 520 })
    expect(importedReadings([{ date: '2024-03-02', views: 20 }], stored)).toEqual([])
  })
})
