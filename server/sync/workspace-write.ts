import type { Kysely } from 'kysely'
import type { CollectionName } from '../../shared/data/collection-contract'
import { jsonEqual } from '../../shared/data/merge'
import { collections } from '../../shared/data/registry'
import type { Database } from '../db/connect'
import type { DB } from '../db/schema'
import { writeTransaction } from '../db/transaction'
import type { ChangeBus } from './change-bus'
import {
  lockWorkspaceSeq,
  readMasters,
  storeWorkspaceSeq,
  writeDocs,
  type DocWrite,
} from './documents'
import { describeIssues, docIdOf } from '../../shared/data/describe-issues'

/** A write transaction on one workspace, its counter row already locked. */
export interface WorkspaceWrite {
  trx: Kysely<DB>
  read(
    collection: CollectionName,
    ids: readonly string[],
  ): Promise<Map<string, Record<string, unknown>>>
  /** Writes server-authored documents (validated; unchanged ones skipped). */
  write(collection: CollectionName, docs: readonly Record<string, unknown>[]): Promise<void>
}

/**
 * Runs `work` holding the workspace's seq lock, assigns seqs to whatever it writes, commits, then
 * tells open streams. Server-side writers (membership service, later connectors) use this so
 * their documents replicate exactly like pushed ones.
 */
export async function withWorkspaceWrite<T>(
  database: Database,
  bus: ChangeBus,
  workspaceId: string,
  work: (w: WorkspaceWrite) => Promise<T>,
): Promise<T> {
  const touched = new Set<string>()
  let committedSeq = 0
  const breathe = breather(database)
  const result = await writeTransaction(database, async (trx) => {
    const startSeq = await lockWorkspaceSeq(trx, database.dialect, workspaceId)
    let seq = startSeq
    const now = Date.now()
    const w: WorkspaceWrite = {
      trx,
      async read(collection, ids) {
        await breathe()
        const found = await readMasters(trx, workspaceId, collection, ids)
        return new Map([...found].map(([id, doc]) => [id, doc.data]))
      },
      async write(collection, all) {
        // In slices, so a year of documents gives the event loop its turns (breather).
        for (let i = 0; i < all.length; i += WRITE_SLICE) {
          await breathe()
          await writeSlice(collection, all.slice(i, i + WRITE_SLICE))
        }
      },
    }
    const writeSlice = async (
      collection: CollectionName,
      docs: readonly Record<string, unknown>[],
    ) => {
      const masters = await readMasters(trx, workspaceId, collection, docs.map(docIdOf))
      const writes: DocWrite[] = []
      for (const doc of docs) {
        const parsed = collections[collection].schema.safeParse(doc)
        // A server-written document that fails its schema is a bug here, not bad input.
        if (!parsed.success)
          throw new Error(
            `server wrote an invalid document: ${describeIssues(docIdOf(doc), parsed.error.issues)}`,
          )
        if (doc['workspaceId'] !== workspaceId)
          throw new Error(`server wrote document ${docIdOf(doc)} to the wrong workspace`)
        const master = masters.get(docIdOf(doc))
        if (master && jsonEqual(master.data, doc)) continue
        seq += 1
        writes.push({ doc, seq, exists: master !== undefined })
        touched.add(collection)
      }
      await writeDocs(trx, workspaceId, collection, writes, now)
    }
    const value = await work(w)
    if (seq !== startSeq) await storeWorkspaceSeq(trx, workspaceId, seq)
    committedSeq = seq
    return value
  })
  if (touched.size)
    bus.publish({ type: 'commit', workspaceId, collections: [...touched], seq: committedSeq })
  return result
}

/** Longest stretch a write on SQLite keeps the event loop to itself. */
const BREATHE_EVERY_MS = 25
const WRITE_SLICE = 500

/**
 * On SQLite every statement runs synchronously, so a long server write (a year's backfill,
 * seconds on a busy machine) would hold the event loop from start to commit. Node then runs the
 * HTTP keep-alive timers before reading the requests waiting on those sockets, and closes
 * connections that clients are reusing at that moment (they see ECONNRESET). The write gives
 * the loop a turn every BREATHE_EVERY_MS instead: requests are read and wait for the database
 * connection, not the loop. PostgreSQL's statements are asynchronous already.
 */
function breather(database: Database): () => Promise<void> {
  if (database.dialect !== 'sqlite') return () => Promise.resolve()
  let last = performance.now()
  return async () => {
    if (performance.now() - last < BREATHE_EVERY_MS) return
    await new Promise((resolve) => setImmediate(resolve))
    last = performance.now()
  }
}
