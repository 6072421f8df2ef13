import type { AccountDoc, MetricDoc, PostDoc } from '../data/registry'
import type { EligibilityInputs, Observed } from './evaluate'
import type { Point } from './projection'

const DAY_MS = 86_400_000

type AccountFacts = Pick<AccountDoc, 'region' | 'birthDate' | 'followerCount' | 'link'>
type DailyAccount = Pick<MetricDoc, 'date' | 'views' | 'followers' | 'postId'>
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

/**
 * What eligibility needs, from the documents the workspace already holds: the account (region,
 * birth date, follower count), its daily account metrics and its posts. Each value says where it
 * came from; what nothing reports stays null, so the criterion shows as unknown.
 * `confirmedStanding` is the creator's own confirmation (device settings), null when not given.
 */
export function eligibilityInputs(
  account: AccountFacts,
  metrics: readonly DailyAccount[],
  posts: readonly PostFacts[],
  now: number,
  confirmedStanding: boolean | null,
): EligibilityInputs {
  const daily = metrics
    .filter((m) => m.postId === null && dayStart(m.date) <= now)
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

  // Views in the 30 days up to the last day held (needs those 30 days).
  let views30d: Observed | null = null
  if (last && first && dayStart(last.date) - dayStart(first.date) >= 29 * DAY_MS) {
    const from = dayStart(last.date) - 29 * DAY_MS
    const sum = daily.filter((m) => dayStart(m.date) >= from).reduce((s, m) => s + m.views, 0)
    views30d = { value: sum, source: `Daily analytics, 30 days to ${last.date}` }
  }

  // Last calendar month: needs every day of it.
  const n = new Date(now)
  const monthStart = Date.UTC(n.getUTCFullYear(), n.getUTCMonth() - 1, 1)
  const monthEnd = Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), 1)
  const inMonth = daily.filter((m) => dayStart(m.date) >= monthStart && dayStart(m.date) < monthEnd)
  const viewsLastMonth: Observed | null =
    inMonth.length === Math.round((monthEnd - monthStart) / DAY_MS)
      ? {
          value: inMonth.reduce((s, m) => s + m.views, 0),
          source: `Daily analytics, ${new Date(monthStart).toISOString().slice(0, 7)}`,
        }
      : null

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
  // Posts made elsewhere only reach Reeldesk through a linked account.
  const posts30d: Observed | null =
    linked || published.length > 0
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
  // The 30-day view sum's trend over the last 30 days (from 59 days of daily views).
  const viewWindow = daily.filter((m) => dayStart(m.date) > now - 60 * DAY_MS)
  const viewTrend: Point[] = []
  for (let i = 29; i < viewWindow.length; i++) {
    let sum = 0
    for (let j = i - 29; j <= i; j++) sum += viewWindow[j]?.views ?? 0
    const day = viewWindow[i]
    if (day) viewTrend.push({ t: dayStart(day.date), value: sum })
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
