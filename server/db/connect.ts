import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'

export interface Database {
  db: Kysely<unknown>
  dialect: 'sqlite' | 'postgres'
  close(): Promise<void>
}

/**
 * The embedded default: one SQLite file in the data folder, WAL for concurrent readers, and
 * synchronous=FULL so an acknowledged commit survives a power cut, not only a process crash.
 */
export function openSqlite(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'reeldesk.sqlite')
  const native = new SQLite(file)
  native.pragma('journal_mode = WAL')
  native.pragma('synchronous = FULL')
  native.pragma('foreign_keys = ON')
  native.pragma('busy_timeout = 5000')
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: native }) })
  return {
    db,
    dialect: 'sqlite',
    close: () => db.destroy(),
  }
}

export async function ping(database: Database): Promise<boolean> {
  const result = await sql<{ one: number }>`select 1 as one`.execute(database.db)
  return result.rows[0]?.one === 1
}
