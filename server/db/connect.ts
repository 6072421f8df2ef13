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

/** PostgreSQL connections one server instance opens at most, unless told otherwise. */
export const DEFAULT_PG_POOL_MAX = 10

/**
 * `poolMax` bounds this instance's connections (REELDESK_DB_POOL_MAX): raise it with the job
 * concurrency (each running job's transaction holds one), within the server's max_connections
 * divided by the number of instances.
 */
export function openPostgres(
  connectionString: string,
  options: { poolMax?: number | undefined } = {},
): Database {
  const pool = new pg.Pool({ connectionString, max: options.poolMax ?? DEFAULT_PG_POOL_MAX })
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
  poolMax?: number | undefined
}): Database {
  const url = options.databaseUrl
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres(url, { poolMax: options.poolMax })
  if (url) throw new Error('DATABASE_URL must start with postgres:// or postgresql://')
  return openSqlite(options.dataDir)
}

export async function ping(database: Database): Promise<boolean> {
  const result = await sql<{ one: number }>`select 1 as one`.execute(database.db)
  return result.rows[0]?.one === 1
}
