import { describe, expect, it } from 'vitest'
import type { EventOf, PlatformEvent } from '../events'
import { platformEventSchema } from '../events'
import { DAY_MS } from './identity'
import { SANDBOX_PROFILES, SANDBOX_SIZES, type SandboxSize } from './profiles'
import { Simulation } from './simulation'

const LINK_DAY = Math.floor(Date.UTC(2026, 2, 2) / DAY_MS)

function year(size: SandboxSize, seed = 11) {
  const sim = new Simulation({ size, seed, linkDay: LINK_DAY })
  const from = Math.max(sim.firstDay, LINK_DAY - 365)
  const days = []
  const events: PlatformEvent[] = []
  for (let d = from; d < LINK_DAY; d += 1) {
    days.push(sim.accountDay(d))
    events.push(...sim.eventsOfDay(d))
  }
  return { sim, days, events, posts: sim.postsBefore(LINK_DAY * DAY_MS) }
}

function ofType<T extends PlatformEvent['type']>(events: PlatformEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type)
}

describe('sandbox simulation: determinism', () => {
  it('gives the same numbers and events for the same seed, whatever the order of reading', () => {
    const a = year('12k', 5)
    const b = new Simulation({ size: '12k', seed: 5, linkDay: LINK_DAY })
    // Read backwards, in another order: every day must come out the same.
    const backwards = []
    for (let d = LINK_DAY - 1; d >= LINK_DAY - 365; d -= 1) backwards.unshift(b.eventsOfDay(d))
    expect(JSON.stringify(backwards.flat())).toBe(JSON.stringify(a.events))
    expect(JSON.stringify(a.days)).toBe(JSON.stringify(year('12k', 5).days))
    expect(JSON.stringify(year('12k', 6).days)).not.toBe(JSON.stringify(a.days))
  })

  it('hands out events in the feed’s stable shape, each id once', () => {
    for (const size of SANDBOX_SIZES) {
      const { events } = year(size)
      for (const event of events) expect(platformEventSchema.safeParse(event).success).toBe(true)
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length)
    }
  })
})

describe.each(SANDBOX_SIZES)('sandbox simulation: a %s creator stays realistic', (size) => {
  const profile = SANDBOX_PROFILES[size]
  const { sim, days, events, posts } = year(size)
  const last = days[days.length - 1]
  if (!last) throw new Error('no days')

  it('reaches its follower count, growing with only small day-to-day dips', () => {
    expect(last.followers).toBeGreaterThan(profile.followersAtLink * 0.97)
    expect(last.followers).toBeLessThan(profile.followersAtLink * 1.03)
    if (profile.followersYearBefore > 0) {
      expect(days[0]?.followers).toBeGreaterThan(profile.followersYearBefore * 0.95)
      expect(days[0]?.followers).toBeLessThan(profile.followersYearBefore * 1.05)
    }
    for (let i = 1; i < days.length; i += 1) {
      const [before, after] = [days[i - 1]?.followers ?? 0, days[i]?.followers ?? 0]
      expect(after).toBeGreaterThanOrEqual(Math.floor(before * 0.99))
    }
  })

  it('posts at about its weekly rate, with sane engagement on every video', () => {
    const span = Math.min(profile.ageDays, 730)
    const recent = posts.filter((p) => p.createdAt >= (LINK_DAY - span) * DAY_MS)
    expect(recent.length).toBeGreaterThan((profile.postsPerWeek * span) / 7 / 2)
    expect(recent.length).toBeLessThan(((profile.postsPerWeek * span) / 7) * 1.6)
    for (const post of posts) {
      const t = post.totals
      expect(post.id).toMatch(/^\d{19}$/)
      expect(t.likes / t.views).toBeGreaterThanOrEqual(0.04)
      expect(t.likes / t.views).toBeLessThanOrEqual(0.12)
      expect(t.comments).toBeLessThanOrEqual(t.likes)
      expect(t.shares).toBeLessThanOrEqual(t.likes)
      expect(t.saves).toBeLessThanOrEqual(t.likes)
      expect(t.watchTimeMs).toBeLessThanOrEqual(t.views * post.durationSec * 1000)
    }
  })

  it('counts only grow: a video’s numbers and the account’s cumulative totals', () => {
    const post = posts[posts.length - 1]
    if (!post) throw new Error('no posts')
    let before = sim.countsAt(post, post.createdAt)
    expect(before.views).toBe(0)
    for (let h = 1; h < 24 * 60; h += 7) {
      const now = sim.countsAt(post, post.createdAt + h * 3_600_000)
      expect(now.views).toBeGreaterThanOrEqual(before.views)
      before = now
    }
    // Most views arrive in the first week.
    const week = sim.countsAt(post, post.createdAt + 7 * DAY_MS).views
    expect(week / post.totals.views).toBeGreaterThan(0.8)
    for (let i = 1; i < days.length; i += 1)
      expect(days[i]?.views).toBeGreaterThanOrEqual(days[i - 1]?.views ?? 0)
  })

  it('goes LIVE only with 1,000 followers, and gifts make sense', () => {
    const lives = ofType(events, 'live.session')
    if (profile.livePerWeek === 0) return expect(lives).toEqual([])
    expect(lives.length).toBeGreaterThan(profile.livePerWeek * 52 * 0.6)
    for (const live of lives) {
      expect(sim.followersAt(live.startedAt)).toBeGreaterThanOrEqual(1_000)
      expect(live.occurredAt).toBe(live.startedAt + live.durationSec * 1000)
      expect(live.topGifters).toBeLessThanOrEqual(live.giftCount)
      expect(live.giftCount).toBeLessThanOrEqual(Math.max(1, live.diamonds))
    }
  })

  it('pays Creator Rewards only to eligible months and videos over a minute', () => {
    const rewards = ofType(events, 'rewards.video')
    if (size === 'new') return expect(rewards).toEqual([])
    const durations = new Map(posts.map((p) => [p.id, p.durationSec]))
    for (const r of rewards) {
      expect(durations.get(r.videoId)).toBeGreaterThan(60)
      expect(r.qualifiedViews).toBeGreaterThanOrEqual(1_000)
      expect(r.rpmMinor).toBeGreaterThanOrEqual(40)
      expect(r.rpmMinor).toBeLessThanOrEqual(110)
      expect(r.estimatedMinor).toBe(Math.round((r.qualifiedViews * r.rpmMinor) / 1000))
      expect(r.paidMinor).toBeLessThanOrEqual(r.estimatedMinor)
    }
    for (const payment of ofType(events, 'rewards.payment')) {
      const month = rewards.filter((r) => r.month === payment.month)
      expect(payment.paidMinor).toBe(month.reduce((sum, r) => sum + r.paidMinor, 0))
    }
    if (size === '250k') expect(rewards.length).toBeGreaterThan(50)
  })

  it('settles or refunds shop orders, with commission = price paid × rate', () => {
    const orders = ofType(events, 'shop.order')
    if (profile.products === 0) return expect(orders).toEqual([])
    expect(orders.length).toBeGreaterThan(50)
    const settled = new Set(ofType(events, 'shop.order.settled').map((e) => e.orderId))
    const refunded = new Set(ofType(events, 'shop.order.refunded').map((e) => e.orderId))
    for (const o of orders) {
      expect(o.commissionMinor).toBe(Math.round((o.paidMinor * o.commissionRateBps) / 10_000))
      expect(o.expectedSettlementAt - o.occurredAt).toBeGreaterThanOrEqual(17 * DAY_MS)
    }
    // Orders old enough have settled or been refunded; refunds are a few per cent.
    const old = orders.filter((o) => o.expectedSettlementAt < (LINK_DAY - 1) * DAY_MS)
    for (const o of old) expect(settled.has(o.orderId) || refunded.has(o.orderId)).toBe(true)
    const share = refunded.size / orders.length
    expect(share).toBeGreaterThan(0.01)
    expect(share).toBeLessThan(0.15)
  })

  it('brings brand invitations with offers that scale with the audience', () => {
    const invitations = ofType(events, 'brand.invitation')
    if (profile.brandInvitationsPerMonth === 0) return expect(invitations).toEqual([])
    expect(invitations.length).toBeGreaterThan(profile.brandInvitationsPerMonth * 12 * 0.4)
    for (const inv of invitations) {
      const followers = sim.followersAt(inv.occurredAt)
      expect(inv.offerMinor).toBeGreaterThanOrEqual(10_000)
      expect(inv.offerMinor).toBeLessThanOrEqual(Math.max(20_000, (followers / 1000) * 4_000))
      expect(inv.expiresAt - inv.occurredAt).toBe(7 * DAY_MS)
    }
    const ids = new Set(invitations.map((i) => i.invitationId))
    for (const m of ofType(events, 'brand.message'))
      if (m.invitedAt >= (LINK_DAY - 365) * DAY_MS) expect(ids.has(m.invitationId)).toBe(true)
  })
})
