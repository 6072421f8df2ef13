import { openSqlite } from '../../server/db/connect'
import { foldReadings, metricPackId } from '../../server/analytics/metric-writes'
import { externalPostDoc } from '../../server/platforms/ingest/to-docs'
import { ChangeBus } from '../../server/sync/change-bus'
import { writeServerDocs } from '../../server/test-support/write-server-docs'
import { packMonths } from '../../shared/analytics/metric-pack'
import { addDays, type DayReading } from '../../shared/analytics/month-doc'
import type { MetricDoc, PostDoc } from '../../shared/data/registry'

/**
 * A 50-account, 5,000-post, one-year agency written straight into the bench server's SQLite file
 * (metrics and published posts are server-owned: no client may push them). Readings are a plain
 * deterministic curve per account and post, folded into month documents by the server's own
 * `foldReadings`, so the shape (daily for a post's first 90 days, weekly after) is production's,
 * and stored packed one document per account-month as the server stores them.
 */

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Seeded {
  /** Account-month and post-month documents (what the seed folded). */
  metricDocs: number
  /** The packs they are stored in (one per account-month): what first sync pulls. */
  metricPacks: number
  postDocs: number
}

export async function seedAgency(opts: {
  dataDir: string
  workspaceId: string
  accountIds: readonly string[]
  postsPerAccount: number
  days: number
  today: string
}): Promise<Seeded> {
  const database = openSqlite(opts.dataDir)
  const bus = new ChangeBus()
  const r = rng(11)
  const now = Date.parse(`${opts.today}T12:00:00Z`)
  const first = addDays(opts.today, -(opts.days - 1))
  let metricDocs = 0
  let metricPacks = 0
  let postDocs = 0
  try {
    for (const [a, accountId] of opts.accountIds.entries()) {
      const ctx = { workspaceId: opts.workspaceId, accountId, now }
      const metrics: MetricDoc[] = []
      const posts: PostDoc[] = []
      // The account: every day of the year.
      const own: DayReading[] = []
      let views = 0
      let likes = 0
      let followers = 2_000 + a * 500
      for (let d = 0; d < opts.days; d++) {
        views += Math.floor(2_000 + r() * 8_000)
        likes += Math.floor(100 + r() * 600)
        followers += Math.floor(r() * 40) - 5
        own.push({
          date: addDays(first, d),
          views,
          likes,
          comments: Math.floor(likes / 20),
          shares: Math.floor(likes / 30),
          saves: Math.floor(likes / 25),
          watchTimeMs: views * 6_500,
          followers,
          profileViews: Math.floor(views / 40),
        })
      }
      metrics.push(...foldReadings({ ...ctx, postId: null }, own, new Map(), now))
      for (let p = 0; p < opts.postsPerAccount; p++) {
        const age = Math.floor(r() * opts.days)
        const published = addDays(opts.today, -age)
        const createdAt = Date.parse(`${published}T${String(8 + (p % 12)).padStart(2, '0')}:00:00Z`)
        const video = {
          id: String(7_300_000_000_000_000_000n + BigInt(a * 10_000 + p)),
          createdAt,
          title: `Post ${p} of account ${a} #bench #day${p % 7}`,
          durationSec: 8 + ((p * 7) % 170),
          coverUrl: null,
          shareUrl: null,
          counts: { views: 0, likes: 0, comments: 0, shares: 0, saves: 0, watchTimeMs: 0 },
        }
        const post = externalPostDoc(ctx, video)
        posts.push(post)
        const scale = 200 + r() * 5_000
        const days: DayReading[] = []
        for (let d = 0; d <= age; d++) {
          const v = Math.floor(scale * Math.log2(2 + d) * (1 + d / 60))
          days.push({
            date: addDays(published, d),
            views: v,
            likes: Math.floor(v / 12),
            comments: Math.floor(v / 200),
            shares: Math.floor(v / 300),
            saves: Math.floor(v / 250),
            watchTimeMs: v * 6_000,
          })
        }
        metrics.push(...foldReadings({ ...ctx, postId: post.id, published }, days, new Map(), now))
      }
      await writeServerDocs(database, bus, opts.workspaceId, 'posts', posts)
      const packs = packMonths(metrics, metricPackId)
      await writeServerDocs(database, bus, opts.workspaceId, 'metrics', packs)
      metricDocs += metrics.length
      metricPacks += packs.length
      postDocs += posts.length
    }
  } finally {
    await database.db.destroy()
  }
  return { metricDocs, metricPacks, postDocs }
}
