import { sql, type Kysely, type Migration } from 'kysely'
import { migrateWorkspaceV0toV1 } from '../../../shared/data/collections/workspaces'
import type { Dialect } from '../connect'
import { fromJsonColumn } from '../values'

/**
 * Workspaces schema 0 → 1 (`settings` added, every section at its default) for the documents the
 * server stores, with the very step clients run on their local copies
 * (shared/data/collections/workspaces.ts). The seq is kept: a
 * client holding the old copy migrates it to exactly this document, so its next push still
 * matches the master, and a client pulling later receives the new shape.
 */
export function workspaceSettingsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const rows = await sql<{ workspace_id: string; id: string; data: unknown }>`
        select workspace_id, id, data from documents where collection = 'workspaces'`.execute(db)
      for (const row of rows.rows) {
        const data = fromJsonColumn(row.data)
        if (typeof data !== 'object' || data === null || Array.isArray(data)) continue
        const before = data as Record<string, unknown>
        const after = migrateWorkspaceV0toV1(before)
        if (after === before) continue
        const text = JSON.stringify(after)
        const value = dialect === 'postgres' ? sql`cast(${text} as jsonb)` : sql`${text}`
        await sql`update documents set data = ${value}
          where workspace_id = ${row.workspace_id} and collection = 'workspaces' and id = ${row.id}`.execute(
          db,
        )
      }
    },
  }
}
