import type { Kysely } from 'kysely'
import type { Dialect } from '../db/connect'
import type { DB } from '../db/schema'
import { fromJsonColumn, toNumber } from '../db/values'

/** A stored document: the JSON the client sees plus the server's sequence number. */
export interface StoredDoc {
  id: string
  seq: number
  accountId: string | null
  data: Record<string, unknown>
}

export function asRecord(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('stored document is not an object')
  return value as Record<string, unknown>
}

function accountIdOf(doc: Record<string, unknown>): string | null {
  return typeof doc['accountId'] === 'string' ? doc['accountId'] : null
}

/**
 * Locks the workspace's counter row for the rest of the transaction and returns its value.
 * Every write transaction of a workspace takes this lock first, so pushes of one workspace run
 * one after another: a master read after the lock is the latest, and seqs are handed out in
 * commit order with no gaps (a PostgreSQL SEQUENCE gives neither guarantee).
 */
export async function lockWorkspaceSeq(
  trx: Kysely<DB>,
  dialect: Dialect,
  workspaceId: string,
): Promise<number> {
  await trx
    .insertInto('workspace_seq')
    .values({ workspace_id: workspaceId, seq: 0 })
    .onConflict((oc) => oc.column('workspace_id').doNothing())
    .execute()
  // SQLite has no FOR UPDATE: its BEGIN IMMEDIATE already holds the database write lock.
  const query = trx
    .selectFrom('workspace_seq')
    .select('seq')
    .where('workspace_id', '=', workspaceId)
  const row =
    dialect === 'postgres'
      ? await query.forUpdate().executeTakeFirstOrThrow()
      : await query.executeTakeFirstOrThrow()
  return toNumber(row.seq)
}

export async function storeWorkspaceSeq(
  trx: Kysely<DB>,
  workspaceId: string,
  seq: number,
): Promise<void> {
  await trx
    .updateTable('workspace_seq')
    .set({ seq })
    .where('workspace_id', '=', workspaceId)
    .execute()
}

export async function readMasters(
  db: Kysely<DB>,
  workspaceId: string,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, StoredDoc>> {
  const found = new Map<string, StoredDoc>()
  // Chunked: SQLite limits bound parameters per statement.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'seq', 'account_id', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('collection', '=', collection)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute()
    for (const r of rows) {
      found.set(r.id, {
        id: r.id,
        seq: toNumber(r.seq),
        accountId: r.account_id,
        data: asRecord(fromJsonColumn(r.data)),
      })
    }
  }
  return found
}

export interface DocWrite {
  doc: Record<string, unknown>
  seq: number
  /** True when the document is already stored (an update), false for a new one. */
  exists: boolean
}

/** New documents per INSERT statement: well under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 200

/**
 * Stores a push's documents with their new sequence numbers. New documents go in multi-row
 * INSERTs (one statement per 200 rather than one each: an offline backlog is mostly new
 * documents); updates are one statement per document.
 */
export async function writeDocs(
  trx: Kysely<DB>,
  workspaceId: string,
  collection: string,
  writes: readonly DocWrite[],
  now: number,
): Promise<void> {
  const valuesOf = ({ doc, seq }: DocWrite) => ({
    account_id: accountIdOf(doc),
    seq,
    data: JSON.stringify(doc),
    deleted: doc['_deleted'] === true ? 1 : 0,
    updated_at: now,
  })
  const inserts = writes.filter((w) => !w.exists)
  for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
    const chunk = inserts.slice(i, i + INSERT_CHUNK)
    await trx
      .insertInto('documents')
      .values(
        chunk.map((w) => ({
          workspace_id: workspaceId,
          collection,
          id: String(w.doc['id']),
          ...valuesOf(w),
        })),
      )
      .execute()
  }
  for (const w of writes.filter((x) => x.exists)) {
    await trx
      .updateTable('documents')
      .set(valuesOf(w))
      .where('workspace_id', '=', workspaceId)
      .where('collection', '=', collection)
      .where('id', '=', String(w.doc['id']))
      .execute()
  }
}

/** Documents of one collection after `afterSeq`, in seq order. */
export async function readAfter(
  db: Kysely<DB>,
  workspaceId: string,
  collection: string,
  afterSeq: number,
  limit: number,
  /** Only documents of these accounts (a creator's view); undefined = all. */
  accountIds?: readonly string[],
): Promise<StoredDoc[]> {
  if (accountIds?.length === 0) return []
  let query = db
    .selectFrom('documents')
    .select(['id', 'seq', 'account_id', 'data'])
    .where('workspace_id', '=', workspaceId)
    .where('collection', '=', collection)
    .where('seq', '>', afterSeq)
  if (accountIds) query = query.where('account_id', 'in', accountIds)
  const rows = await query.orderBy('seq').limit(limit).execute()
  return rows.map((r) => ({
    id: r.id,
    seq: toNumber(r.seq),
    accountId: r.account_id,
    data: asRecord(fromJsonColumn(r.data)),
  }))
}

export async function currentSeq(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('workspace_seq')
    .select('seq')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  return row ? toNumber(row.seq) : 0
}
