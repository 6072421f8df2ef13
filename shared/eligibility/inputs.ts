import { readings, type MonthFields } from '../analytics/month-doc'
import type { AccountDoc, PostDoc } from '../data/registry'
import type { EligibilityInputs, Observed } from './evaluate'
import type { Point } from './projection'

const DAY_MS = 86_400_000

type AccountFacts = Pick<AccountDoc, 'region' | 'birthDate' | 'followerCount' | 'link'>
/** One day of an account's cumulative counts (null: not read that day). */
export interface AccountDay {
  date: string
  views: number | null
  followers: number | null
}
type PostFacts = Pick<PostDoc, 'publish' | 'productTags' | '_deleted'>

function dayStart(date: string): number {
  return Date.parse(`${date}T00:00:00Z`)
}

function fmtDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10)
}

/** Whole years between a YYYY-MM-DD birth date and `now` (UTC). */
export function ageOn(birthDate: string, now: number): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number]
  const today = new Date(now)
  let age = today.getUTCFullYear() - y
  const beforeBirthday =
    today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)
  if (beforeBirthday) age--
  return age
}

/** An account's month documents (metrics with `postId` null) as days, oldest first. */
export function accountDays(months: readonly MonthFields[]): AccountDay[] {
  const byDate = new Map<string, AccountDay>()
  const day = (date: string): AccountDay => {
    const known = byDate.get(date)
    if (known) return known
    const fresh: AccountDay = { date, views: null, followers: null }
    byDate.set(date, fresh)
    return fresh
  }
  for (const r of readings(months, 'views')) day(r.date).views = r.value
  for (const r of readings(months, 'followers')) day(r.date).followers = r.value
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date))
}

/**
 * What eligibility needs, from the documents the workspace already holds: the account (region,
 * birth date, follower count), its daily account metrics and its posts. Each value says where it
 * came from; what nothing reports stays null, so the criterion shows as unknown.
 * `confirmedStanding` is the creator's own confirmation (device settings), null when not given.
 */
export function eligibilityInputs(
  account: AccountFacts,
  metrics: readonly AccountDay[],
  posts: readonly PostFacts[],
  now: number,
  confirmedStanding: boolean | null,
): EligibilityInputs {
  const daily = metrics
    .filter((m) => dayStart(m.date) <= now)
    .sort((a, b) => a.date.localeCompare(b.date))
  const last = daily[daily.length - 1]
  const first = daily[0]

  let followers: Observed | null = null
  if (last?.followers != null)
    followers = { value: last.followers, source: `Daily analytics, ${last.date}` }
  else if (account.followerCount !== null)
    followers = {
      value: account.followerCount,
      source: account.link.lastSyncedAt
        ? `From TikTok, synced ${fmtDate(account.link.lastSyncedAt)}`
        : 'From the account',
    }

  // Account counts are cumulative as of each day's end (metrics.ts): views in a window are the
  // difference between its last day and the day before it starts.
  const viewsOn = new Map(daily.map((m) => [dayStart(m.date), m.views]))
  const windowViews = (end: number, days: number): number | null => {
    const a = viewsOn.get(end)
    const b = viewsOn.get(end - days * DAY_MS)
    return a == null || b == null ? null : Math.max(0, a - b)
  }
  let views30d: Observed | null = null
  if (last) {
    const v = windowViews(dayStart(last.date), 30)
    if (v !== null) views30d = { value: v, source: `Daily analytics, 30 days to ${last.date}` }
  }

  // Last calendar month: its last day's count less the day before it began.
  const n = new Date(now)
  const monthStart = Date.UTC(n.getUTCFullYear(), n.getUTCMonth() - 1, 1)
  const monthEnd = Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), 1)
  const lastMonth = windowViews(monthEnd - DAY_MS, Math.round((monthEnd - monthStart) / DAY_MS))
  const viewsLastMonth: Observed | null =
    lastMonth === null
      ? null
      : {
          value: lastMonth,
          source: `Daily analytics, ${new Date(monthStart).toISOString().slice(0, 7)}`,
        }

  const accountAgeDays: Observed | null = first
    ? {
        value: Math.floor((now - dayStart(first.date)) / DAY_MS),
        source: `At least: history held since ${first.date}`,
        lowerBound: true,
      }
    : null

  const published = posts.filter((p) => !p._deleted && p.publish.publishedAt !== null)
  const since30 = now - 30 * DAY_MS
  const since7 = now - 7 * DAY_MS
  const linked = account.link.state !== 'unlinked'
  // Posts made elsewhere only reach Reeldesk through a linked account; none yet is "no data"
  // (a first sync may still be on its way), never a count of 0.
  const posts30d: Observed | null =
    published.length > 0
      ? {
          value: published.filter((p) => (p.publish.publishedAt ?? 0) >= since30).length,
          source: linked ? 'Published posts (synced from TikTok)' : 'Posts published from Reeldesk',
        }
      : null
  const shoppable: Observed | null = posts30d
    ? {
        value: published.filter(
          (p) => (p.publish.publishedAt ?? 0) >= since7 && p.productTags.length > 0,
        ).length,
        source: 'Published posts with product tags, last 7 days',
      }
    : null

  const recent = daily.filter((m) => dayStart(m.date) > now - 31 * DAY_MS)
  const followerTrend: Point[] = recent.flatMap((m) =>
    m.followers === null ? [] : [{ t: dayStart(m.date), value: m.followers }],
  )
  // The 30-day view count's trend over the last 30 days (needs 60 days of history).
  const viewTrend: Point[] = []
  for (const m of recent) {
    const v = windowViews(dayStart(m.date), 30)
    if (v !== null) viewTrend.push({ t: dayStart(m.date), value: v })
  }

  return {
    region: account.region,
    age: account.birthDate
      ? { value: ageOn(account.birthDate, now), source: 'Birth date on the account' }
      : null,
    followers,
    views30d,
    viewsLastMonth,
    accountAgeDays,
    posts30d,
    goodStanding:
      confirmedStanding === null
        ? null
        : { value: confirmedStanding, source: 'Confirmed by you in Reeldesk' },
    trends: { followers: followerTrend, views30d: viewTrend },
    shoppableVideosThisWeek: shoppable,
  }
}
