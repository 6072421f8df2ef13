import { sql, type Kysely } from 'kysely'
import type { Dialect } from '../connect'
import { toNumber } from '../values'

/**
 * What the metrics migrations (0007 day → month, 0021 month → pack) do to one workspace: remove
 * the old rows and insert their replacements, each with a new workspace seq so clients pull them,
 * and move the workspace's seq past them.
 */
export async function replaceMetricDocuments(
  db: Kysely<unknown>,
  dialect: Dialect,
  workspaceId: string,
  removeIds: readonly string[],
  docs: readonly { id: string; accountId: string }[],
  now: number,
): Promise<void> {
  const seqRow = await sql<{ seq: number | string | bigint }>`
    select seq from workspace_seq where workspace_id = ${workspaceId}`.execute(db)
  let seq = seqRow.rows[0] ? toNumber(seqRow.rows[0].seq) : 0
  for (const id of removeIds)
    await sql`delete from documents
      where workspace_id = ${workspaceId} and collection = 'metrics' and id = ${id}`.execute(db)
  for (const doc of docs) {
    seq += 1
    const text = JSON.stringify(doc)
    const value = dialect === 'postgres' ? sql`cast(${text} as jsonb)` : sql`${text}`
    await sql`insert into documents
      (workspace_id, collection, id, account_id, seq, data, deleted, updated_at)
      values (${workspaceId}, 'metrics', ${doc.id}, ${doc.accountId}, ${seq}, ${value}, 0, ${now})`.execute(
      db,
    )
  }
  if (seqRow.rows[0])
    await sql`update workspace_seq set seq = ${seq} where workspace_id = ${workspaceId}`.execute(db)
  else
    await sql`insert into workspace_seq (workspace_id, seq) values (${workspaceId}, ${seq})`.execute(
      db,
    )
}
