import { sql, type Kysely, type Migration } from 'kysely'
import type { DayReading } from '../../../shared/analytics/month-doc'
import { foldReadings } from '../../analytics/metric-writes'
import type { Dialect } from '../connect'
import { fromJsonColumn } from '../values'
import { replaceMetricDocuments } from './replace-metric-documents'

/**
 * Metrics schema 0 → 1: the stored day documents (one per account or post and day) become month
 * documents (shared/data/collections/metrics.ts) with the very fold the sync uses. Each month gets
 * a new workspace seq, so clients — which drop their day documents when their local schema
 * migrates — pull the months on their next pull; the day rows are removed (metrics are
 * server-owned: no client holds an edit of them). Every stored day is kept (no weekly thinning
 * here: the migration keeps all the history it finds).
 */

interface DayRow {
  workspace_id: string
  id: string
  data: unknown
}

function readingOf(data: Record<string, unknown>): DayReading | null {
  const num = (k: string) => (typeof data[k] === 'number' ? (data[k] as number) : 0)
  const opt = (k: string) => (typeof data[k] === 'number' ? (data[k] as number) : null)
  if (typeof data['date'] !== 'string') return null
  return {
    date: data['date'],
    views: num('views'),
    likes: num('likes'),
    comments: num('comments'),
    shares: num('shares'),
    saves: num('saves'),
    watchTimeMs: num('watchTimeMs'),
    followers: opt('followers'),
    profileViews: opt('profileViews'),
  }
}

export function analyticsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const rows = await sql<DayRow>`
        select workspace_id, id, data from documents where collection = 'metrics'`.execute(db)
      const byWorkspace = new Map<string, DayRow[]>()
      for (const row of rows.rows) {
        const list = byWorkspace.get(row.workspace_id) ?? []
        list.push(row)
        byWorkspace.set(row.workspace_id, list)
      }
      const now = Date.now()
      for (const [workspaceId, list] of byWorkspace) {
        // (account, post) → its day readings; rows already in the month shape are left alone.
        const groups = new Map<
          string,
          { accountId: string; postId: string | null; days: DayReading[]; updatedAt: number }
        >()
        const dayIds: string[] = []
        for (const row of list) {
          const data = fromJsonColumn(row.data)
          if (typeof data !== 'object' || data === null || Array.isArray(data)) continue
          const doc = data as Record<string, unknown>
          if ('month' in doc) continue
          dayIds.push(row.id)
          const reading = readingOf(doc)
          const accountId = doc['accountId']
          const postId = doc['postId']
          if (!reading || typeof accountId !== 'string' || doc['_deleted'] === true) continue
          const key = `${accountId}/${typeof postId === 'string' ? postId : ''}`
          const group = groups.get(key) ?? {
            accountId,
            postId: typeof postId === 'string' ? postId : null,
            days: [],
            updatedAt: 0,
          }
          group.days.push(reading)
          group.updatedAt = Math.max(group.updatedAt, Number(doc['updatedAt']) || 0)
          groups.set(key, group)
        }
        if (dayIds.length === 0) continue
        const docs = [...groups.values()].flatMap((group) =>
          foldReadings(
            { workspaceId, accountId: group.accountId, postId: group.postId },
            group.days.sort((x, y) => x.date.localeCompare(y.date)),
            new Map(),
            Math.max(group.updatedAt, 1),
          ),
        )
        await replaceMetricDocuments(db, dialect, workspaceId, dayIds, docs, now)
      }
    },
  }
}
