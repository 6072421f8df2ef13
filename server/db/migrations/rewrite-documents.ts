import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../connect'
import { fromJsonColumn } from '../values'

/** One schema step for a stored document: returns the document itself when it is already done. */
export type DocumentStep = (old: Record<string, unknown>) => Record<string, unknown>

/**
 * Runs a collection's schema step over every document the server stores, with the very step
 * clients run on their local copies (their RxDB migration strategy). The seq is kept: a client
 * holding the old copy migrates it to exactly this document, so its next push still matches the
 * master and nothing replicates back and forth because of the upgrade. A step returns a document
 * already at the new version unchanged, so running a migration again writes nothing.
 */
export async function rewriteDocuments(
  db: Kysely<unknown>,
  dialect: Dialect,
  collection: string,
  step: DocumentStep,
): Promise<void> {
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
