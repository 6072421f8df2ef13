import { createHash } from 'node:crypto'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import type { BackendStore } from './harness'

/** Runs one statement on a test store behind the server's back (e.g. to expire a session). */
export async function execOnStore(
  store: BackendStore,
  sqliteSql: string,
  pgSql: string,
  params: unknown[],
): Promise<void> {
  if (store.databaseUrl) {
    const client = new pg.Client({ connectionString: store.databaseUrl })
    await client.connect()
    try {
      await client.query(pgSql, params)
    } finally {
      await client.end()
    }
    return
  }
  const db = new SQLite(path.join(store.dataDir, 'reeldesk.sqlite'))
  try {
    db.pragma('busy_timeout = 5000')
    db.prepare(sqliteSql).run(...params)
  } finally {
    db.close()
  }
}

export function expireSession(store: BackendStore, token: string): Promise<void> {
  const hash = createHash('sha256').update(token).digest('hex')
  return execOnStore(
    store,
    'update sessions set expires_at = 1 where token_hash = ?',
    'update sessions set expires_at = 1 where token_hash = $1',
    [hash],
  )
}
