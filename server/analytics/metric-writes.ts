import { jsonEqual } from '../../shared/data/merge'
import type { MetricDoc } from '../../shared/data/registry'
import {
  emptyMonth,
  monthOf,
  putDays,
  thinPostMonth,
  type DayReading,
} from '../../shared/analytics/month-doc'
import { stableDocId } from '../platforms/ingest/stable-id'
import type { WorkspaceWrite } from '../sync/workspace-write'

/**
 * Writes daily readings into month documents (one per account-month and post-month, see
 * shared/data/collections/metrics.ts): reads the stored months, puts each day in its slot, thins
 * a post's days after its first 90 to weekly, and writes only the months that changed. Used by
 * the platform sync, imports and the migration from day documents; the same readings give the
 * same documents, so a repeated sync or re-imported file changes nothing.
 */

export interface MetricTarget {
  workspaceId: string
  accountId: string
  /** null: the account's own numbers. */
  postId: string | null
  /** The post's publication day (for thinning); ignored for the account. */
  published?: string | null
}

export function metricMonthId(accountId: string, postId: string | null, month: string): string {
  const key = postId === null ? `metrics:account:${month}` : `metrics:post:${postId}:${month}`
  return stableDocId(accountId, key, Date.parse(`${month}-01T00:00:00Z`))
}

/** Readings folded into month documents over `stored` (by id); pure apart from ids. */
export function foldReadings(
  target: MetricTarget,
  readings: readonly DayReading[],
  stored: ReadonlyMap<string, Record<string, unknown>>,
  now: number,
): MetricDoc[] {
  const byMonth = new Map<string, DayReading[]>()
  for (const r of readings) {
    const month = monthOf(r.date)
    const list = byMonth.get(month) ?? []
    list.push(r)
    byMonth.set(month, list)
  }
  const out: MetricDoc[] = []
  for (const [month, days] of byMonth) {
    const id = metricMonthId(target.accountId, target.postId, month)
    const before = stored.get(id) as MetricDoc | undefined
    let fields = putDays(before ?? emptyMonth(month, target.postId === null), days)
    if (target.postId !== null && target.published) fields = thinPostMonth(fields, target.published)
    out.push({
      id,
      workspaceId: target.workspaceId,
      updatedAt: before ? Math.max(now, before.updatedAt + 1) : now,
      _deleted: false,
      accountId: target.accountId,
      postId: target.postId,
      month: fields.month,
      views: fields.views,
      likes: fields.likes,
      comments: fields.comments,
      shares: fields.shares,
      saves: fields.saves,
      watchTimeMs: fields.watchTimeMs,
      followers: fields.followers,
      profileViews: fields.profileViews,
    })
  }
  return out
}

/** Months whose stored copy differs only in `updatedAt` are left out. */
function changedOnly(
  docs: readonly MetricDoc[],
  stored: ReadonlyMap<string, Record<string, unknown>>,
): MetricDoc[] {
  return docs.filter((doc) => {
    const master = stored.get(doc.id)
    // Key order differs on PostgreSQL (jsonb): compare by value.
    return !master || !jsonEqual({ ...master, updatedAt: 0 }, { ...doc, updatedAt: 0 })
  })
}

/** Writes the readings of several targets; returns how many month documents changed. */
export async function writeReadings(
  w: WorkspaceWrite,
  batches: readonly { target: MetricTarget; readings: readonly DayReading[] }[],
  now: number,
): Promise<number> {
  // One id per target-month (a hash each), not one per reading: a year of a post is 365
  // readings in 13 months.
  const ids = new Set<string>()
  for (const { target, readings } of batches) {
    const months = new Set<string>()
    for (const r of readings) months.add(monthOf(r.date))
    for (const month of months) ids.add(metricMonthId(target.accountId, target.postId, month))
  }
  if (ids.size === 0) return 0
  const stored = await w.read('metrics', [...ids])
  const docs = batches.flatMap(({ target, readings }) =>
    readings.length ? foldReadings(target, readings, stored, now) : [],
  )
  const changed = changedOnly(docs, stored)
  await w.write('metrics', changed)
  return changed.length
}
