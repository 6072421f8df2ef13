import { describe, expect, it } from 'vitest'
import { evaluateProgram, type EligibilityInputs } from './evaluate'
import { ageOn, eligibilityInputs } from './inputs'
import { projectDate, type Point } from './projection'
import { PROGRAMS, type Program } from './rules'
import { IDLE_PUBLISH_STATE } from '../data/collections/posts'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 30, 12)

function program(id: string): Program {
  const p = PROGRAMS.find((x) => x.id === id)
  if (!p) throw new Error(id)
  return p
}

function inputs(over: Partial<EligibilityInputs> = {}): EligibilityInputs {
  const o = (value: number) => ({ value, source: 'test' })
  return {
    region: 'US',
    age: o(25),
    followers: o(20_000),
    views30d: o(300_000),
    viewsLastMonth: o(250_000),
    accountAgeDays: o(400),
    posts30d: o(12),
    goodStanding: { value: true, source: 'test' },
    trends: {},
    shoppableVideosThisWeek: o(2),
    ...over,
  }
}

function statusOf(programId: string, i: EligibilityInputs, criterion?: string) {
  const r = evaluateProgram(program(programId), i, {}, NOW)
  return criterion ? r.criteria.find((c) => c.id === criterion)?.status : r.status
}

describe('eligibility per program and region', () => {
  const o = (value: number) => ({ value, source: 'test' })
  it.each([
    // program, region, followers, views30d, age, expected overall
    ['creator_rewards', 'US', 10_000, 100_000, 18, 'eligible'],
    ['creator_rewards', 'US', 9_999, 100_000, 18, 'not_eligible'],
    ['creator_rewards', 'US', 10_000, 99_999, 18, 'not_eligible'],
    ['creator_rewards', 'US', 10_000, 100_000, 17, 'not_eligible'],
    ['creator_rewards', 'JP', 20_000, 200_000, 30, 'not_eligible'], // JP needs 50k
    ['creator_rewards', 'JP', 50_000, 200_000, 30, 'eligible'],
    ['creator_rewards', 'KR', 60_000, 200_000, 18, 'not_eligible'], // KR 19+
    ['creator_rewards', 'IT', 60_000, 200_000, 30, 'not_eligible'], // not a listed region
    ['creator_marketplace', 'KR', 20_000, 5_000, 25, 'not_eligible'], // KR 50k
    ['creator_marketplace', 'US', 10_000, 1_000, 18, 'eligible'],
    ['series', 'US', 10_000, 1_000, 18, 'eligible'],
    ['series', 'US', 10_000, 999, 18, 'not_eligible'],
    ['live_gifts', 'IT', 1_000, 0, 18, 'eligible'],
    ['live_gifts', 'IT', 999, 0, 18, 'not_eligible'],
    ['shop_affiliate', 'US', 1_000, 0, 18, 'eligible'],
    ['shop_affiliate', 'GB', 50_000, 0, 18, 'not_eligible'],
    ['subscriptions', 'US', 10_000, 0, 18, 'eligible'],
  ] as const)(
    '%s in %s with %d followers, %d views, age %d: %s',
    (id, region, f, v, age, expected) => {
      expect(statusOf(id, inputs({ region, followers: o(f), views30d: o(v), age: o(age) }))).toBe(
        expected,
      )
    },
  )

  it('never says "met" on missing data: unknown inputs give "unknown"', () => {
    for (const p of PROGRAMS) {
      const r = evaluateProgram(
        p,
        inputs({
          region: null,
          age: null,
          followers: null,
          views30d: null,
          viewsLastMonth: null,
          accountAgeDays: null,
          posts30d: null,
          goodStanding: null,
        }),
        {},
        NOW,
      )
      expect(r.criteria.every((c) => c.status === 'unknown')).toBe(true)
      expect(r.status).toBe('unknown')
    }
  })

  it('an unmet criterion outweighs an unknown one', () => {
    expect(statusOf('creator_rewards', inputs({ age: null, followers: o(5) }))).toBe('not_eligible')
    expect(statusOf('creator_rewards', inputs({ goodStanding: null }))).toBe('unknown')
  })

  it('a lower bound under the threshold is unknown, not "not met"', () => {
    const young = { value: 12, source: 'history', lowerBound: true }
    expect(statusOf('series', inputs({ accountAgeDays: young }), 'accountAge')).toBe('unknown')
    expect(
      statusOf('series', inputs({ accountAgeDays: { ...young, value: 45 } }), 'accountAge'),
    ).toBe('met')
  })

  it('a workspace override replaces the threshold and says so', () => {
    const r = evaluateProgram(
      program('creator_rewards'),
      inputs({ followers: o(12_000) }),
      { 'creator_rewards.followers': 15_000 },
      NOW,
    )
    const followers = r.criteria.find((c) => c.id === 'followers')
    expect(followers).toMatchObject({ status: 'not_met', threshold: 15_000, overridden: true })
    expect(followers?.uncertain).toBe('Changed for this workspace (default 10,000)')
  })

  it('a threshold is data: changing it in a rule set changes the result with no code change', () => {
    const base = program('creator_marketplace')
    const changed: Program = {
      ...base,
      version: base.version + 1,
      criteria: base.criteria.map((c) =>
        c.id === 'posts30d' && c.kind === 'min' ? { ...c, threshold: 5 } : c,
      ),
    }
    const i = inputs({ posts30d: o(4) })
    expect(evaluateProgram(base, i, {}, NOW).status).toBe('eligible')
    expect(evaluateProgram(changed, i, {}, NOW).status).toBe('not_eligible')
  })

  it('every criterion carries its source and effective date', () => {
    for (const p of PROGRAMS)
      for (const c of p.criteria) {
        expect(c.source.length).toBeGreaterThan(5)
        expect(c.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      }
    expect(new Set(PROGRAMS.map((p) => p.id)).size).toBe(PROGRAMS.length)
  })

  it('puts a US account under 5,000 followers on the Shop pilot with its weekly quotas', () => {
    const r = evaluateProgram(program('shop_affiliate'), inputs({ followers: o(3_000) }), {}, NOW)
    expect(r.pilot).toEqual({
      shoppableVideos: { done: 2, quota: 5 },
      liveSellingStreams: { done: null, quota: 3 },
    })
    expect(evaluateProgram(program('shop_affiliate'), inputs(), {}, NOW).pilot).toBeNull()
  })
})

describe('projected dates', () => {
  const series = (start: number, perDay: number, days = 30): Point[] =>
    Array.from({ length: days }, (_, i) => ({
      t: NOW - (days - 1 - i) * DAY,
      value: start + perDay * i,
    }))

  it('growing: reaches the target at the window’s pace', () => {
    // 9,000 now (last point), +50/day → 1,000 more in 20 days.
    const s = series(9_000 - 29 * 50, 50)
    expect(projectDate(s, 10_000, NOW)).toEqual({ kind: 'date', at: NOW + 20 * DAY, perDay: 50 })
  })

  it('flat or declining: not at this pace', () => {
    expect(projectDate(series(9_000, 0), 10_000, NOW)).toEqual({
      kind: 'not_at_this_pace',
      perDay: 0,
    })
    expect(projectDate(series(9_500, -10), 10_000, NOW).kind).toBe('not_at_this_pace')
  })

  it('too slow to mean anything (over 3 years): not at this pace; too little data: no data', () => {
    expect(projectDate(series(1_000, 1), 100_000, NOW).kind).toBe('not_at_this_pace')
    expect(projectDate(series(1_000, 10, 1), 2_000, NOW)).toEqual({ kind: 'no_data' })
  })

  it('a noisy series still projects from its trend', () => {
    const s = series(8_000, 40).map((p, i) => ({ ...p, value: p.value + (i % 2 ? 30 : -30) }))
    const r = projectDate(s, 10_000, NOW)
    expect(r.kind).toBe('date')
    if (r.kind === 'date') expect(r.perDay).toBeCloseTo(40, 0)
  })
})

describe('inputs from the workspace’s documents', () => {
  const account = {
    region: 'US',
    birthDate: '2000-12-01',
    followerCount: 9_100,
    link: { state: 'linked' as const, linkedAt: 1, lastSyncedAt: NOW, problem: null },
  }
  const day = (i: number) => new Date(NOW - i * DAY).toISOString().slice(0, 10)
  const metrics = Array.from({ length: 60 }, (_, k) => {
    const i = 59 - k
    // Cumulative views: 1,000 + k a day.
    const views = Array.from({ length: k + 1 }, (_, j) => 1_000 + j).reduce((a, b) => a + b, 0)
    return { date: day(i), views, followers: 9_000 - i * 20, postId: null }
  })

  it('reads followers, 30-day views, age, account age and their sources', () => {
    const i = eligibilityInputs(account, metrics, [], NOW, null)
    expect(i.followers).toEqual({ value: 9_000, source: `Daily analytics, ${day(0)}` })
    const expectedViews = Array.from({ length: 30 }, (_, k) => 1_000 + 30 + k).reduce(
      (a, b) => a + b,
      0,
    )
    expect(i.views30d?.value).toBe(expectedViews)
    expect(i.age?.value).toBe(25)
    expect(i.accountAgeDays).toMatchObject({ value: 59, lowerBound: true })
    expect(i.goodStanding).toBeNull()
    expect(i.trends.followers).toHaveLength(31)
    // Windows ending on each of the last 30 days that have a day 30 days before them.
    expect(i.trends.views30d).toHaveLength(30)
    // October needs 30 September's count, before the 60 days held: unknown, not a guess.
    expect(i.viewsLastMonth).toBeNull()
    const longer = [{ date: '2026-09-30', views: 0, followers: 8_000, postId: null }, ...metrics]
    const oct = eligibilityInputs(account, longer, [], NOW, null).viewsLastMonth
    // 31 October's count (days k = 0 … 29 of the series) less 30 September's (0).
    expect(oct?.value).toBe(
      Array.from({ length: 30 }, (_, k) => 1_000 + k).reduce((a, b) => a + b, 0),
    )
  })

  it('a 9,000-follower account gets "not met" for followers with a projected date', () => {
    const i = eligibilityInputs(account, metrics, [], NOW, true)
    const r = evaluateProgram(program('creator_rewards'), i, {}, NOW)
    const f = r.criteria.find((c) => c.id === 'followers')
    // +20 followers/day: 1,000 more in 50 days.
    expect(f).toMatchObject({ status: 'not_met', value: 9_000, threshold: 10_000 })
    expect(f?.projection).toMatchObject({ kind: 'date', at: NOW + 50 * DAY })
  })

  it('knows nothing about an account with no history', () => {
    const i = eligibilityInputs(
      {
        ...account,
        birthDate: null,
        followerCount: null,
        link: { ...account.link, state: 'unlinked' },
      },
      [],
      [],
      NOW,
      null,
    )
    expect([i.followers, i.views30d, i.age, i.accountAgeDays, i.posts30d]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ])
  })

  it('counts posts of the last 30 days, and says "no data" rather than 0 before any post arrives', () => {
    const post = (daysAgo: number, tags = 0) => ({
      _deleted: false,
      productTags: Array.from({ length: tags }, () => ({}) as never),
      publish: {
        ...IDLE_PUBLISH_STATE,
        state: 'published' as const,
        platformPostId: '1',
        error: null,
        publishedAt: NOW - daysAgo * DAY,
      },
    })
    expect(eligibilityInputs(account, metrics, [], NOW, null).posts30d).toBeNull()
    const i = eligibilityInputs(account, metrics, [post(40), post(3, 1), post(10)], NOW, null)
    expect(i.posts30d?.value).toBe(2)
    expect(i.shoppableVideosThisWeek?.value).toBe(1)
  })

  it('counts whole years of age around the birthday', () => {
    expect(ageOn('2008-11-30', NOW)).toBe(18)
    expect(ageOn('2008-12-01', NOW)).toBe(17)
  })
})
