import { uuidv7 } from '../../shared/data/ids'
import { MAX_PULL_LIMIT, MAX_PUSH_ROWS } from '../../shared/sync/protocol'
import { openDatabase } from '../../server/db/connect'
import { writeTransaction } from '../../server/db/transaction'
import { readAfter, writeDocs, type DocWrite } from '../../server/sync/documents'
import type { BenchStore } from './server'
import { productDoc } from './docs'

/**
 * Anchors for the sync benchmark's ratios, measured in the same run against the same database
 * as the server under test, from the benchmark process (Kysely, the server's own statements):
 * what the database alone costs, without HTTP, tRPC, validation, authorization or the client.
 */

/**
 * Pull's anchor: the same rows read back the way the server reads them for a pull — the same
 * query (`readAfter`: one collection of one workspace after a seq, in seq order), in batches of
 * the same size, each document parsed from its JSON column. Docs per second.
 */
export async function plainRead(
  store: BenchStore,
  workspaceId: string,
  count: number,
): Promise<number> {
  const database = openDatabase(store)
  try {
    const started = performance.now()
    let after = 0
    let read = 0
    for (;;) {
      const rows = await readAfter(database.db, workspaceId, 'products', after, MAX_PULL_LIMIT)
      read += rows.length
      const last = rows[rows.length - 1]
      if (!last || rows.length < MAX_PULL_LIMIT) break
      after = last.seq
    }
    const elapsed = performance.now() - started
    if (read !== count) throw new Error(`plain read: expected ${count} rows, read ${read}`)
    return count / (elapsed / 1000)
  } finally {
    await database.close()
  }
}

/**
 * Push's anchor: the same number of new documents inserted into the same database, in
 * transactions of as many rows as one push carries, with the server's own INSERT statements
 * (`writeDocs`: 200 rows per statement) — no validation, no conflict or permission checks.
 * Written to a workspace of its own. Docs per second.
 */
export async function plainInsert(store: BenchStore, count: number): Promise<number> {
  const database = openDatabase(store)
  try {
    const workspaceId = uuidv7()
    const docs = Array.from({ length: count }, (_, i) => productDoc(workspaceId, i))
    const started = performance.now()
    for (let start = 0; start < count; start += MAX_PUSH_ROWS) {
      const writes: DocWrite[] = docs
        .slice(start, start + MAX_PUSH_ROWS)
        .map((doc, i) => ({ doc, seq: start + i + 1, exists: false }))
      await writeTransaction(database, (trx) =>
        writeDocs(trx, workspaceId, 'products', writes, Date.now()),
      )
    }
    return count / ((performance.now() - started) / 1000)
  } finally {
    await database.close()
  }
}

/**
 * Not an anchor but the step between: the same pull over HTTP (sequential `sync.pull` calls of
 * the same batch size, each answer parsed), with no client database. It splits the pull's time
 * into server and wire on one side and the RxDB client on the other. Docs per second.
 */
export async function httpPull(
  url: string,
  token: string,
  workspaceId: string,
  count: number,
): Promise<number> {
  const started = performance.now()
  let checkpoint: { seq: number } | null = null
  let read = 0
  for (;;) {
    const input = JSON.stringify({
      collection: 'products',
      workspaceId,
      checkpoint,
      limit: MAX_PULL_LIMIT,
    })
    const response = await fetch(`${url}/trpc/sync.pull?input=${encodeURIComponent(input)}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as {
      result: { data: { documents: unknown[]; checkpoint: { seq: number } } }
    }
    read += body.result.data.documents.length
    checkpoint = body.result.data.checkpoint
    if (body.result.data.documents.length < MAX_PULL_LIMIT) break
  }
  if (read !== count) throw new Error(`HTTP pull: expected ${count} documents, read ${read}`)
  return count / ((performance.now() - started) / 1000)
}
