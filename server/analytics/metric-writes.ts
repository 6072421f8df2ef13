import { packMonths, unpackAll } from '../../shared/analytics/metric-pack'
import { jsonEqual } from '../../shared/data/merge'
import type { MetricDoc, MetricPackDoc } from '../../shared/data/registry'
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
 * shared/data/collections/metrics.ts), stored packed one per account-month: reads the stored
 * packs, puts each day in its slot, thins a post's days after its first 90 to weekly, and writes
 * only the packs that changed. Used by
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

/** The pack of an account-month: it keeps the id the account-month document had. */
export function metricPackId(accountId: string, month: string): string {
  return metricMonthId(accountId, null, month)
}

/** Stored packs as month documents by their (stable) month id, for `foldReadings`. */
export function storedMonths(
  packs: ReadonlyMap<string, Record<string, unknown>>,
): Map<string, Record<string, unknown>> {
  const live = [...packs.values()].filter((p) => p['_deleted'] !== true) as MetricPackDoc[]
  return new Map(unpackAll(live, metricMonthId).map((doc) => [doc.id, doc]))
}

/**
 * Folded months merged into their stored packs; packs whose stored copy differs only in
 * `updatedAt` are left out.
 */
function changedPacks(
  folded: readonly MetricDoc[],
  stored: ReadonlyMap<string, Record<string, unknown>>,
  months: ReadonlyMap<string, Record<string, unknown>>,
): MetricPackDoc[] {
  const touched = new Set(folded.map((d) => metricPackId(d.accountId, d.month)))
  // Every month the touched packs held, then the folded ones over them.
  const merged = new Map<string, MetricDoc>()
  for (const doc of months.values()) {
    const m = doc as unknown as MetricDoc
    if (touched.has(metricPackId(m.accountId, m.month))) merged.set(m.id, m)
  }
  for (const doc of folded) merged.set(doc.id, doc)
  return packMonths([...merged.values()], metricPackId).filter((pack) => {
    const master = stored.get(pack.id)
    // Key order differs on PostgreSQL (jsonb): compare by value.
    return !master || !jsonEqual({ ...master, updatedAt: 0 }, { ...pack, updatedAt: 0 })
  })
}

/** Writes the readings of several targets; returns how many packs changed. */
export async function writeReadings(
  w: WorkspaceWrite,
  batches: readonly { target: MetricTarget; readings: readonly DayReading[] }[],
  now: number,
): Promise<number> {
  // One id per account-month (a hash each), not one per reading: a year of a post is 365
  // readings in 13 months.
  const ids = new Set<string>()
  for (const { target, readings } of batches) {
    const months = new Set<string>()
    for (const r of readings) months.add(monthOf(r.date))
    for (const month of months) ids.add(metricPackId(target.accountId, month))
  }
  if (ids.size === 0) return 0
  const stored = await w.read('metrics', [...ids])
  const months = storedMonths(stored)
  const docs = batches.flatMap(({ target, readings }) =>
    readings.length ? foldReadings(target, readings, months, now) : [],
  )
  const changed = changedPacks(docs, stored, months)
  await w.write('metrics', changed)
  return changed.length
}
