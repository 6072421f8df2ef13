import { sql, type Kysely } from 'kysely'
import type { Database } from './connect'
import type { DB } from './schema'

/**
 * Runs `work` in one write transaction. On SQLite it is BEGIN IMMEDIATE so the write lock is
 * taken up front (a deferred BEGIN can fail with SQLITE_BUSY half-way when another process
 * writes); Kysely's SQLite driver holds its single connection for the whole callback, so nothing
 * else in this process interleaves. On PostgreSQL it is a normal transaction: callers serialise
 * on the rows they lock (the workspace counter, `SELECT … FOR UPDATE`).
 */
export function writeTransaction<T>(
  database: Database,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  const running = runTransaction(database, work)
  const settled = running.then(
    () => undefined,
    () => undefined,
  )
  inFlight.add(settled)
  void settled.then(() => inFlight.delete(settled))
  return running
}

/**
 * Test hook, off unless REELDESK_TEST_COMMIT_DELAY_MS is set (server/index.ts): each write
 * transaction, its writes done, prints `REELDESK_TEST_COMMIT_PENDING {"transaction":n}` and
 * waits before it commits. A crash test kills the process inside that window and so knows,
 * from the server's side, that a write was in flight and uncommitted when it died.
 */
let beforeCommit: (() => Promise<void>) | null = null
let pendingCommits = 0

export function pauseBeforeCommits(ms: number, announce: (line: string) => void): void {
  beforeCommit = async () => {
    pendingCommits += 1
    announce(`REELDESK_TEST_COMMIT_PENDING ${JSON.stringify({ transaction: pendingCommits })}`)
    await new Promise((resolve) => setTimeout(resolve, ms))
  }
}

/** Write transactions not yet committed or rolled back; shutdown waits for them. */
const inFlight = new Set<Promise<void>>()

export async function drainWrites(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight])
}

async function runTransaction<T>(
  database: Database,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (database.dialect === 'postgres') {
    return database.db.transaction().execute(async (trx) => {
      const result = await work(trx)
      if (beforeCommit) await beforeCommit()
      return result
    })
  }
  return database.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn)
    try {
      const result = await work(conn)
      if (beforeCommit) await beforeCommit()
      await sql`commit`.execute(conn)
      return result
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined)
      throw error
    }
  })
}
