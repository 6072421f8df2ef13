import { sql, type Kysely, type Migration } from 'kysely'
import { packMonths } from '../../../shared/analytics/metric-pack'
import type { MetricDoc } from '../../../shared/data/collections/metrics'
import { metricPackId } from '../../analytics/metric-writes'
import type { Dialect } from '../connect'
import { fromJsonColumn } from '../values'
import { replaceMetricDocuments } from './replace-metric-documents'

/**
 * Metrics schema 1 → 2: the stored month documents (one per account-month and post-month) are
 * packed one per account-month (shared/analytics/metric-pack.ts), which is what first sync pays
 * for: a 50-account agency's year goes from 32,817 documents to 650. Each pack keeps the
 * account-month's id and gets a new workspace seq, so clients — whose local migration keeps the
 * account's own months and drops the post-months — pull the full packs on their next pull; the
 * month rows are removed (metrics are server-owned: no client holds an edit of them). Rows
 * already packed are left alone, so running it again writes nothing.
 */

interface Row {
  workspace_id: string
  id: string
  data: unknown
}

export function analyticsSyncMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const rows = await sql<Row>`
        select workspace_id, id, data from documents where collection = 'metrics'`.execute(db)
      const byWorkspace = new Map<string, { ids: string[]; months: MetricDoc[] }>()
      for (const row of rows.rows) {
        const data = fromJsonColumn(row.data)
        if (typeof data !== 'object' || data === null || Array.isArray(data)) continue
        const doc = data as Record<string, unknown>
        if (!('postId' in doc)) continue
        const entry = byWorkspace.get(row.workspace_id) ?? { ids: [], months: [] }
        entry.ids.push(row.id)
        if (doc['_deleted'] !== true) entry.months.push(doc as unknown as MetricDoc)
        byWorkspace.set(row.workspace_id, entry)
      }
      const now = Date.now()
      for (const [workspaceId, { ids, months }] of byWorkspace) {
        await replaceMetricDocuments(
          db,
          dialect,
          workspaceId,
          ids,
          packMonths(months, metricPackId),
          now,
        )
      }
    },
  }
}
