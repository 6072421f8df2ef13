import { mkdirSync } from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely'
import pg from 'pg'
import type { DB } from './schema'

export type Dialect = 'sqlite' | 'postgres'

export interface Database {
  db: Kysely<DB>
  dialect: Dialect
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY on a dedicated client. */
  pgPool?: pg.Pool
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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: native }) })
  return {
    db,
    dialect: 'sqlite',
    close: () => db.destroy(),
  }
}

export function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: 10 })
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    dialect: 'postgres',
    pgPool: pool,
    // Kysely's destroy ends the pool after checked-out clients are released.
    close: () => db.destroy(),
  }
}

/** PostgreSQL when DATABASE_URL says so, the SQLite file in the data folder otherwise. */
export function openDatabase(options: {
  dataDir: string
  databaseUrl: string | undefined
}): Database {
  const url = options.databaseUrl
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url)
  if (url) throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
  return openSqlite(options.dataDir)
}

export async function ping(database: Database): Promise<boolean> {
  const result = await sql<{ one: number }>`select 1 as one`.execute(database.db)
  return result.rows[0]?.one === 1
}
