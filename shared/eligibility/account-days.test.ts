import { describe, expect, it } from 'vitest'
import { emptyMonth, putDays } from '../analytics/month-doc'
import { accountDays, eligibilityInputs } from './inputs'

const reading = (date: string, views: number | null, followers: number | null) => ({
  date,
  views,
  likes: null,
  comments: null,
  shares: null,
  saves: null,
  watchTimeMs: null,
  followers,
})

describe('eligibility from month documents (metrics schema 1)', () => {
  const october = putDays(emptyMonth('2026-10', true), [
    reading('2026-10-30', 1_000, 8_000),
    reading('2026-10-31', 1_500, null),
  ])
  const november = putDays(emptyMonth('2026-11', true), [
    reading('2026-11-29', 9_000, 9_100),
    reading('2026-11-30', 10_000, 9_200),
  ])

  it('reads an account’s months back as days in date order, whatever order they come in', () => {
    expect(accountDays([november, october])).toEqual([
      { date: '2026-10-30', views: 1_000, followers: 8_000 },
      { date: '2026-10-31', views: 1_500, followers: null },
      { date: '2026-11-29', views: 9_000, followers: 9_100 },
      { date: '2026-11-30', views: 10_000, followers: 9_200 },
    ])
    expect(accountDays([])).toEqual([])
  })

  it('feeds the followers and the 30-day views from those days', () => {
    const now = Date.UTC(2026, 10, 30, 12)
    const account = {
      region: 'US',
      birthDate: '1998-04-02',
      followerCount: 1,
      link: { state: 'linked' as const, linkedAt: 1, lastSyncedAt: 1, problem: null },
    }
    const inputs = eligibilityInputs(account, accountDays([october, november]), [], now, null)
    expect(inputs.followers?.value).toBe(9_200)
    // 30 days back from 30 November is 31 October: 10,000 − 1,500.
    expect(inputs.views30d?.value).toBe(8_500)
  })
})
