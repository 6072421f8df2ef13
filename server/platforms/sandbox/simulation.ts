import type { DailyAccountPoint, DailyPoint, VideoCounts } from '../connector'
import type { EventOf, PlatformEvent } from '../events'
import { DAY_MS, isoDate, type SandboxIdentity } from './identity'
import {
  INVITATION_TTL_DAYS,
  LIVE_MIN_FOLLOWERS,
  REWARDS_MIN_DURATION_SEC,
  REWARDS_MIN_FOLLOWERS,
  REWARDS_MIN_QUALIFIED_VIEWS,
  REWARDS_MIN_VIEWS_30D,
  SANDBOX_PROFILES,
  SETTLEMENT_AFTER_DELIVERY_DAYS,
  type SandboxProfile,
} from './profiles'
import { stream, type Stream } from './random'
import {
  BRANDS,
  BRIEF_ASKS,
  FOLLOW_UPS,
  HANDLE_FIRST,
  HANDLE_SECOND,
  HASHTAGS,
  NICKNAMES,
  PRODUCTS,
  TOPICS,
} from './vocabulary'

/**
 * The sandbox's model of one creator's business: a pure function of (size, seed, link day) and
 * the time asked about, plus the videos published through the sandbox. Nothing is stepped day by
 * day: a video's counts at time t are its lifetime totals times a decay curve of its age, the
 * follower count is a growth curve with daily noise, and each day's events come from that day's
 * own random stream — so any slice of time reads the same whichever way it is asked for.
 */

export interface SimPost {
  /** The platform-style 19-digit id: creation second in the high 32 bits, then random bits. */
  id: string
  createdAt: number
  durationSec: number
  title: string
  totals: VideoCounts & { saves: number; watchTimeMs: number }
  /** Days over which most views arrive. */
  tau: number
  /** Index of the showcase product tagged in it, or null. */
  product: number | null
  published: boolean
}

export interface PublishedVideo {
  postId: string
  createdAt: number
  title: string
  durationSec: number
}

export interface ShowcaseProduct {
  shopProductId: string
  title: string
  priceMinor: number
  addedAt: number
  rateBps: number
  /** A rate cut: announced at `at`, the old rate still applies until `at` + 30 days. */
  cut: { at: number; rateBps: number } | null
}

const CURRENCY = 'USD'
const HOUR = 3_600_000
/** Follow-up events (settlements, refunds, brand replies) come at most this long after their cause. */
const LOOKBACK_DAYS = 45
const RATE_LOCK_DAYS = 30
const ORDER_CONVERSION = 0.0006
const SHOWCASE_ORDERS_PER_FOLLOWER = 0.000015

function curve(ageDays: number, tau: number): number {
  if (ageDays <= 0) return 0
  return 0.88 * (1 - Math.exp(-ageDays / tau)) + 0.12 * (1 - Math.exp(-ageDays / 45))
}

function postId(createdAt: number, random: number): string {
  return ((BigInt(Math.floor(createdAt / 1000)) << 32n) | BigInt(random >>> 0)).toString()
}

function byTime(a: PlatformEvent, b: PlatformEvent): number {
  return a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export class Simulation {
  readonly profile: SandboxProfile
  readonly firstDay: number
  private readonly growth: number
  private readonly posts = new Map<number, SimPost[]>()
  private readonly published = new Map<number, PublishedVideo[]>()
  private readonly born = new Map<number, PlatformEvent[]>()
  private readonly accountDays = new Map<number, DailyAccountPoint>()
  private showcaseCache: ShowcaseProduct[] | null = null
  private readonly dates = new Map<number, string>()

  constructor(
    readonly identity: SandboxIdentity,
    publishedVideos: readonly PublishedVideo[] = [],
  ) {
    this.profile = SANDBOX_PROFILES[identity.size]
    this.firstDay = identity.linkDay - this.profile.ageDays
    const { followersAtLink, followersYearBefore } = this.profile
    this.growth =
      followersYearBefore > 0 ? Math.log(followersAtLink / followersYearBefore) / 365 : 0
    for (const video of publishedVideos) {
      const day = Math.floor(video.createdAt / DAY_MS)
      this.published.set(day, [...(this.published.get(day) ?? []), video])
    }
  }

  private rand(...keys: (string | number)[]): Stream {
    return stream(this.identity.seed, ...keys)
  }

  get handle(): string {
    const r = this.rand('handle')
    return `${r.pick(HANDLE_FIRST)}.${r.pick(HANDLE_SECOND)}.${this.identity.seed % 1000}`
  }

  /** The handle's first word, capitalised: "kai.cooks.937" is Kai. */
  get nickname(): string {
    const first = this.handle.split('.')[0] ?? 'Creator'
    return first.charAt(0).toUpperCase() + first.slice(1)
  }

  /** The smooth follower curve at fractional day `x` (days since 1970). */
  private followerCurve(x: number): number {
    const { linkDay } = this.identity
    const { followersAtLink, ageDays } = this.profile
    if (x <= this.firstDay) return 0
    if (this.growth === 0) {
      // A young account: slow start, then picking up (power curve through the link day).
      const progress = (x - this.firstDay) / ageDays
      return followersAtLink * Math.pow(progress, 1.3)
    }
    return followersAtLink * Math.exp(this.growth * (x - linkDay))
  }

  /** Followers at time `t`: the curve with a little day-to-day noise (unfollows happen). */
  followersAt(t: number): number {
    const day = Math.floor(t / DAY_MS)
    const noise = 1 + 0.0015 * this.rand('followers', day).normal()
    return Math.max(0, Math.round(this.followerCurve(t / DAY_MS) * noise))
  }

  /** Posts created on `day` (simulated ones, then those published through the sandbox). */
  postsOfDay(day: number): SimPost[] {
    const cached = this.posts.get(day)
    if (cached) return cached
    const list: SimPost[] = []
    if (day >= this.firstDay) {
      const r = this.rand('posts', day)
      const count = r.poisson(this.profile.postsPerWeek / 7)
      for (let i = 0; i < count; i += 1) {
        const createdAt = day * DAY_MS + Math.floor(r.between(7, 23.5) * HOUR)
        const p = this.rand('post', day, i)
        const long = p.chance(0.3)
        const durationSec = long ? p.int(61, 180) : p.int(8, 60)
        const title = `${p.pick(TOPICS)} #${p.pick(HASHTAGS)} #${p.pick(HASHTAGS)}`
        list.push(this.makePost(p, postId(createdAt, p.uint32()), createdAt, durationSec, title))
      }
    }
    for (const video of this.published.get(day) ?? []) {
      const p = this.rand('published', video.postId)
      list.push({
        ...this.makePost(p, video.postId, video.createdAt, video.durationSec, video.title),
        product: null,
        published: true,
      })
    }
    list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
    this.posts.set(day, list)
    return list
  }

  private makePost(
    p: Stream,
    id: string,
    createdAt: number,
    durationSec: number,
    title: string,
  ): SimPost {
    const { reachMedian, discoveryMedian } = this.profile
    const followers = this.followerCurve(createdAt / DAY_MS)
    const raw = followers * p.logNormal(reachMedian, 0.9) + p.logNormal(discoveryMedian, 1.0)
    // A viral hit reaches tens of times the follower count, not more.
    const views = Math.max(30, Math.round(Math.min(raw, 40 * Math.max(followers, 1_000))))
    const likes = Math.round(views * p.between(0.045, 0.11))
    const watchShare = p.between(0.3, 0.75) * (durationSec > 60 ? 0.6 : 1)
    const products = this.showcase().filter((s) => s.addedAt <= createdAt)
    const tagged = products.length > 0 && p.chance(0.3)
    return {
      id,
      createdAt,
      durationSec,
      title,
      totals: {
        views,
        likes,
        comments: Math.round(likes * p.between(0.015, 0.06)),
        shares: Math.round(likes * p.between(0.02, 0.1)),
        saves: Math.round(likes * p.between(0.04, 0.14)),
        watchTimeMs: Math.round(views * durationSec * watchShare * 1000),
      },
      tau: p.between(0.7, 2.2),
      product: tagged ? this.showcase().indexOf(p.pick(products)) : null,
      published: false,
    }
  }

  /** Every post created before `t`, oldest first. */
  postsBefore(t: number): SimPost[] {
    const out: SimPost[] = []
    const last = Math.floor((t - 1) / DAY_MS)
    for (let day = Math.min(this.firstDay, this.firstPublishedDay()); day <= last; day += 1) {
      for (const post of this.postsOfDay(day)) if (post.createdAt < t) out.push(post)
    }
    return out
  }

  private firstPublishedDay(): number {
    let first = Number.POSITIVE_INFINITY
    for (const day of this.published.keys()) first = Math.min(first, day)
    return first
  }

  countsAt(post: SimPost, t: number): VideoCounts & { saves: number; watchTimeMs: number } {
    const f = curve((t - post.createdAt) / DAY_MS, post.tau)
    const { totals } = post
    return {
      views: Math.round(totals.views * f),
      likes: Math.round(totals.likes * f),
      comments: Math.round(totals.comments * f),
      shares: Math.round(totals.shares * f),
      saves: Math.round(totals.saves * f),
      watchTimeMs: Math.round(totals.watchTimeMs * f),
    }
  }

  /** Cumulative account numbers at the end of UTC day `day`. */
  accountDay(day: number): DailyAccountPoint {
    const cached = this.accountDays.get(day)
    if (cached) return cached
    const end = (day + 1) * DAY_MS
    const sum = { views: 0, likes: 0, comments: 0, shares: 0, saves: 0, watchTimeMs: 0 }
    for (const post of this.postsBefore(end)) {
      const c = this.countsAt(post, end)
      sum.views += c.views
      sum.likes += c.likes
      sum.comments += c.comments
      sum.shares += c.shares
      sum.saves += c.saves
      sum.watchTimeMs += c.watchTimeMs
    }
    const point: DailyAccountPoint = {
      date: this.dateOf(day),
      ...sum,
      followers: this.followersAt(end - 1),
      // About one viewer in eighty opens the profile.
      profileViews: Math.round(sum.views * 0.0125),
    }
    this.accountDays.set(day, point)
    return point
  }

  /** 'YYYY-MM-DD' of a day number (cached: a year of many posts asks for the same days). */
  private dateOf(day: number): string {
    let date = this.dates.get(day)
    if (date === undefined) {
      date = isoDate(day)
      this.dates.set(day, date)
    }
    return date
  }

  /** A post's cumulative counts at the end of each day of [fromDay, toDay) from its creation. */
  postDays(post: SimPost, fromDay: number, toDay: number): DailyPoint[] {
    const out: DailyPoint[] = []
    const start = Math.max(fromDay, Math.floor(post.createdAt / DAY_MS))
    for (let day = start; day < toDay; day += 1)
      out.push({ date: this.dateOf(day), ...this.countsAt(post, (day + 1) * DAY_MS) })
    return out
  }

  /** The shop showcase: products added one by one from a year before the link. */
  showcase(): ShowcaseProduct[] {
    if (this.showcaseCache) return this.showcaseCache
    const { products } = this.profile
    const start = Math.max(this.firstDay, this.identity.linkDay - 330)
    const r = this.rand('showcase')
    const pool = [...PRODUCTS]
    const list: ShowcaseProduct[] = []
    for (let k = 0; k < Math.min(products, pool.length); k += 1) {
      const item = pool.splice(Math.floor(r.next() * pool.length), 1)[0]
      if (!item) break
      const addedAt = (start + k * 20) * DAY_MS + 10 * HOUR
      const rateBps = r.pick([800, 1000, 1200, 1500, 2000])
      const cut = r.chance(0.4)
        ? { at: addedAt + 75 * DAY_MS, rateBps: Math.max(300, rateBps - r.pick([200, 300, 500])) }
        : null
      list.push({
        shopProductId: `sp${this.identity.seed}${String(k).padStart(3, '0')}`,
        title: item.title,
        priceMinor: item.priceMinor,
        addedAt,
        rateBps,
        cut,
      })
    }
    this.showcaseCache = list
    return list
  }

  /** The commission rate an order at `t` earns: a cut applies only after its 30-day lock. */
  rateAt(product: ShowcaseProduct, t: number): number {
    if (product.cut && t >= product.cut.at + RATE_LOCK_DAYS * DAY_MS) return product.cut.rateBps
    return product.rateBps
  }

  /** Events that happen during UTC day `day`, in time order. */
  eventsOfDay(day: number): PlatformEvent[] {
    const start = day * DAY_MS
    const end = start + DAY_MS
    const out: PlatformEvent[] = []
    for (let b = day - LOOKBACK_DAYS; b <= day; b += 1) {
      for (const event of this.bornOn(b)) {
        if (event.occurredAt >= start && event.occurredAt < end) out.push(event)
      }
    }
    return out.sort(byTime)
  }

  /**
   * A brand invitation and the brand's own later offers for it, found from its id alone (the id
   * carries the second it arrived, like a post id). Null when this account never had it.
   */
  brandThread(invitationId: string): {
    invitation: EventOf<'brand.invitation'>
    counters: EventOf<'brand.counter_offer'>[]
  } | null {
    if (!/^\d{1,20}$/.test(invitationId)) return null
    const at = Number(BigInt(invitationId) >> 32n) * 1000
    const day = Math.floor(at / DAY_MS)
    if (day < this.firstDay || day > this.identity.linkDay + 36_500) return null
    const events = this.bornOn(day)
    const invitation = events.find(
      (e): e is EventOf<'brand.invitation'> =>
        e.type === 'brand.invitation' && e.invitationId === invitationId,
    )
    if (!invitation) return null
    const counters = events.filter(
      (e): e is EventOf<'brand.counter_offer'> =>
        e.type === 'brand.counter_offer' && e.invitationId === invitationId,
    )
    return { invitation, counters }
  }

  /** Events caused on day `b` (some of them, like a settlement, happen days later). */
  private bornOn(b: number): PlatformEvent[] {
    const cached = this.born.get(b)
    if (cached) return cached
    const events: PlatformEvent[] = []
    if (b >= this.firstDay) {
      this.liveSessions(b, events)
      this.shopEvents(b, events)
      this.rewards(b, events)
      this.brandInvitations(b, events)
    }
    this.born.set(b, events)
    return events
  }

  private liveSessions(b: number, out: PlatformEvent[]): void {
    const followers = this.followersAt(b * DAY_MS)
    if (this.profile.livePerWeek <= 0 || followers < LIVE_MIN_FOLLOWERS) return
    const r = this.rand('live', b)
    const count = r.poisson(this.profile.livePerWeek / 7)
    for (let i = 0; i < count; i += 1) {
      const s = this.rand('live', b, i)
      const startedAt = b * DAY_MS + Math.floor(s.between(17, 23) * HOUR)
      const durationSec = s.int(20, 140) * 60
      const peakViewers = Math.round(followers * s.between(0.002, 0.012)) + s.int(3, 20)
      const diamonds = Math.round(peakViewers * s.logNormal(6, 0.8) * (durationSec / 3600))
      const giftCount = diamonds > 0 ? Math.max(1, Math.round(diamonds / s.between(4, 25))) : 0
      const sessionId = postId(startedAt, s.uint32())
      out.push({
        id: `live.${sessionId}`,
        type: 'live.session',
        occurredAt: startedAt + durationSec * 1000,
        sessionId,
        startedAt,
        durationSec,
        peakViewers,
        diamonds,
        giftCount,
        topGifters: Math.min(giftCount, s.int(3, 30)),
      })
    }
  }

  private shopEvents(b: number, out: PlatformEvent[]): void {
    const showcase = this.showcase()
    if (showcase.length === 0) return
    const dayStart = b * DAY_MS
    for (const product of showcase) {
      if (Math.floor(product.addedAt / DAY_MS) === b)
        out.push(this.productEvent(product, product.addedAt, product.rateBps, null))
      if (product.cut && Math.floor(product.cut.at / DAY_MS) === b) {
        const lockedUntil = product.cut.at + RATE_LOCK_DAYS * DAY_MS
        out.push(this.productEvent(product, product.cut.at, product.cut.rateBps, lockedUntil))
      }
    }
    const available = showcase.filter((p) => p.addedAt <= dayStart + DAY_MS)
    if (available.length === 0) return
    // Orders from tagged videos, in proportion to the views they got that day.
    let n = 0
    for (let d = b - 30; d <= b; d += 1) {
      for (const post of this.postsOfDay(d)) {
        if (post.product === null) continue
        const gained =
          this.countsAt(post, dayStart + DAY_MS).views - this.countsAt(post, dayStart).views
        const r = this.rand('orders', b, post.id)
        const count = r.poisson(gained * ORDER_CONVERSION)
        for (let i = 0; i < count; i += 1) {
          const product = showcase[post.product]
          if (product) this.order(b, (n += 1), product, post, out)
        }
      }
    }
    // And straight from the showcase.
    const r = this.rand('showcase-orders', b)
    const count = r.poisson(this.followersAt(dayStart) * SHOWCASE_ORDERS_PER_FOLLOWER)
    for (let i = 0; i < count; i += 1) this.order(b, (n += 1), r.pick(available), null, out)
  }

  private productEvent(
    product: ShowcaseProduct,
    at: number,
    rateBps: number,
    lockedUntil: number | null,
  ): EventOf<'shop.product'> {
    return {
      id: `product.${product.shopProductId}.${at}`,
      type: 'shop.product',
      occurredAt: at,
      shopProductId: product.shopProductId,
      title: product.title,
      priceMinor: product.priceMinor,
      currency: CURRENCY,
      commissionRateBps: rateBps,
      rateLockedUntil: lockedUntil,
      available: true,
    }
  }

  private order(
    b: number,
    n: number,
    product: ShowcaseProduct,
    post: SimPost | null,
    out: PlatformEvent[],
  ): void {
    const r = this.rand('order', b, n)
    const at = b * DAY_MS + Math.floor(r.between(0, 24) * HOUR)
    if (at < product.addedAt) return
    const quantity = r.chance(0.12) ? 2 : 1
    const coupon = r.chance(0.3) ? r.between(0.05, 0.2) : 0
    const paidMinor = Math.round(product.priceMinor * quantity * (1 - coupon))
    const rate = this.rateAt(product, at)
    const orderId = postId(at, r.uint32())
    const settlesAt = at + (r.int(2, 7) + SETTLEMENT_AFTER_DELIVERY_DAYS) * DAY_MS
    const refundedAt = r.chance(0.06) ? at + Math.floor(r.between(1, 20) * DAY_MS) : null
    out.push({
      id: `order.${orderId}`,
      type: 'shop.order',
      occurredAt: at,
      orderId,
      shopProductId: product.shopProductId,
      videoId: post?.id ?? null,
      quantity,
      paidMinor,
      currency: CURRENCY,
      commissionRateBps: rate,
      commissionMinor: Math.round((paidMinor * rate) / 10_000),
      expectedSettlementAt: settlesAt,
    })
    if (refundedAt === null || refundedAt > settlesAt)
      out.push({
        id: `order.${orderId}.settled`,
        type: 'shop.order.settled',
        occurredAt: settlesAt,
        orderId,
        orderedAt: at,
      })
    if (refundedAt !== null)
      out.push({
        id: `order.${orderId}.refunded`,
        type: 'shop.order.refunded',
        occurredAt: refundedAt,
        orderId,
        orderedAt: at,
      })
  }

  /** Creator Rewards for the previous month are reported and paid on the 15th. */
  private rewards(b: number, out: PlatformEvent[]): void {
    const date = new Date(b * DAY_MS)
    if (date.getUTCDate() !== 15) return
    const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1)
    const monthEnd = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
    const endDay = Math.floor(monthEnd / DAY_MS) - 1
    if (endDay < this.firstDay) return
    const last = this.accountDay(endDay)
    const before = this.accountDay(endDay - 30)
    if (last.followers < REWARDS_MIN_FOLLOWERS || last.views - before.views < REWARDS_MIN_VIEWS_30D)
      return
    const month = new Date(monthStart).toISOString().slice(0, 7)
    const paidAt = b * DAY_MS + 9 * HOUR
    let total = 0
    for (const post of this.postsBefore(monthEnd)) {
      if (post.durationSec < REWARDS_MIN_DURATION_SEC) continue
      const gained = this.countsAt(post, monthEnd).views - this.countsAt(post, monthStart).views
      const r = this.rand('rewards', month, post.id)
      const qualifiedViews = Math.round(gained * r.between(0.6, 0.85))
      if (qualifiedViews < REWARDS_MIN_QUALIFIED_VIEWS) continue
      if (r.chance(0.04)) {
        out.push({
          id: `rewards.${month}.${post.id}.disqualified`,
          type: 'rewards.disqualified',
          occurredAt: paidAt,
          videoId: post.id,
          reason: r.pick(['Not original content', 'Unoriginal audio', 'Reused content']),
        })
        continue
      }
      const rpmMinor = r.int(40, 110)
      const estimatedMinor = Math.round((qualifiedViews * rpmMinor) / 1000)
      const paidMinor = Math.round(estimatedMinor * r.between(0.93, 1))
      total += paidMinor
      out.push({
        id: `rewards.${month}.${post.id}`,
        type: 'rewards.video',
        occurredAt: paidAt,
        month,
        videoId: post.id,
        qualifiedViews,
        rpmMinor,
        estimatedMinor,
        paidMinor,
        currency: CURRENCY,
      })
    }
    if (total > 0)
      out.push({
        id: `rewards.${month}.payment`,
        type: 'rewards.payment',
        occurredAt: paidAt + 1,
        month,
        paidMinor: total,
        currency: CURRENCY,
      })
  }

  private brandInvitations(b: number, out: PlatformEvent[]): void {
    const followers = this.followersAt(b * DAY_MS)
    if (this.profile.brandInvitationsPerMonth <= 0 || followers < 5_000) return
    const count = this.rand('brands', b).poisson(this.profile.brandInvitationsPerMonth / 30)
    for (let i = 0; i < count; i += 1) {
      const r = this.rand('brand', b, i)
      const at = b * DAY_MS + Math.floor(r.between(9, 17) * HOUR)
      const brand = r.pick(BRANDS)
      const videos = r.chance(0.7) ? 1 : 2
      const offerMinor = Math.max(10_000, Math.round((followers / 1000) * r.between(15, 35)) * 100)
      const invitationId = postId(at, r.uint32())
      const terms = r.pick(['upfront', '50/50', 'net 30', 'on delivery'] as const)
      const campaign = r.pick([
        'spring launch',
        'summer campaign',
        'new product drop',
        'gift guide',
      ])
      const contact = `${r.pick(NICKNAMES)} at ${brand}`
      out.push({
        id: `brand.${invitationId}`,
        type: 'brand.invitation',
        occurredAt: at,
        invitationId,
        brand,
        title: `${brand}: ${campaign}`,
        brief:
          `${brand} would love ${videos === 1 ? 'one video' : 'two videos'}: ` +
          `${r.pick(BRIEF_ASKS)}. Usage: organic, plus 30 days of Spark Ads. ` +
          'Please disclose it as a paid partnership.',
        offerMinor: Math.round(offerMinor / 1000) * 1000,
        currency: CURRENCY,
        paymentTerms: terms,
        deliverables: Array.from({ length: videos }, (_, k) => ({
          kind: 'video' as const,
          description: k === 0 ? 'Main video (30–60 s)' : 'Follow-up video',
          dueAt: at + r.int(14, 30) * DAY_MS,
        })),
        expiresAt: at + INVITATION_TTL_DAYS * DAY_MS,
      })
      if (r.chance(0.6))
        out.push({
          id: `brand.${invitationId}.message.1`,
          type: 'brand.message',
          occurredAt: at + Math.floor(r.between(1, 3) * DAY_MS),
          invitationId,
          invitedAt: at,
          from: contact,
          body: r.pick(FOLLOW_UPS),
        })
      if (r.chance(0.25))
        out.push({
          id: `brand.${invitationId}.offer.2`,
          type: 'brand.counter_offer',
          occurredAt: at + Math.floor(r.between(3, 5) * DAY_MS),
          invitationId,
          invitedAt: at,
          from: contact,
          offerMinor: Math.round((offerMinor * r.between(1.1, 1.25)) / 1000) * 1000,
          currency: CURRENCY,
          paymentTerms: terms,
          note: 'We can stretch the budget a little — would this work for you?',
        })
    }
  }
}
