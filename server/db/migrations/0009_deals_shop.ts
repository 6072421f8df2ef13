import { sql, type Kysely, type Migration } from 'kysely'
import { migrateDealToV1 } from '../../../shared/data/collections/deals-migration'
import { migrateMessageToV1 } from '../../../shared/data/collections/messages'
import { migrateProductToV1 } from '../../../shared/data/collections/products'
import type { Dialect } from '../connect'
import { fromJsonColumn } from '../values'

type Step = (old: Record<string, unknown>) => Record<string, unknown>

/**
 * Deals, messages and products schema 0 → 1 for the documents the server stores, with the very
 * steps clients run on their local copies. The seq is kept: a client holding the old copy
 * migrates it to exactly this document, so its next push still matches the master. Each step
 * returns a version-1 document unchanged, so running this again changes nothing.
 */
export function dealsShopMigration(dialect: Dialect): Migration {
  const steps: [string, Step][] = [
    ['deals', migrateDealToV1],
    ['messages', migrateMessageToV1],
    ['products', migrateProductToV1],
  ]
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const [collection, step] of steps) {
        const rows = await sql<{ workspace_id: string; id: string; data: unknown }>`
          select workspace_id, id, data from documents where collection = ${collection}`.execute(db)
        for (const row of rows.rows) {
          const data = fromJsonColumn(row.data)
          if (typeof data !== 'object' || data === null || Array.isArray(data)) continue
          const before = data as Record<string, unknown>
          const after = step(before)
          if (after === before) continue
          const text = JSON.stringify(after)
          const value = dialect === 'postgres' ? sql`cast(${text} as jsonb)` : sql`${text}`
          await sql`update documents set data = ${value}
            where workspace_id = ${row.workspace_id} and collection = ${collection}
            and id = ${row.id}`.execute(db)
        }
      }
    },
  }
}
