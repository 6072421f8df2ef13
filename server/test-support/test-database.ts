import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { inject } from 'vitest'
import { openPostgres, openSqlite, type Database } from '../db/connect'
import { migrateToLatest } from '../db/migrate'
import type { BackendKind } from './harness'
import { createDatabase, startPostgresCluster, type PostgresCluster } from './postgres'
import './provided-context'

export interface TestDatabase {
  database: Database
  dataDir: string
  databaseUrl: string | undefined
  close(): Promise<void>
}

let cluster: Promise<PostgresCluster> | null = null

/** The run's PostgreSQL cluster (global setup), or one this file starts. */
export async function pgAdminUrl(): Promise<string> {
  const provided = inject('reeldeskPgAdminUrl')
  if (provided) return provided
  cluster ??= startPostgresCluster()
  return (await cluster).adminUrl
}

/** Stops a cluster this file started (call in afterAll when PostgreSQL was used). */
export async function stopLocalCluster(): Promise<void> {
  if (!cluster) return
  const started = await cluster
  cluster = null
  started.stop()
}

/**
 * A migrated, empty database opened in this process (SQLite in a temp folder, or a new
 * PostgreSQL database): for tests that drive server modules directly, e.g. the job runner with
 * a ManualClock.
 */
export async function openTestDatabase(kind: BackendKind): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-testdb-'))
  const databaseUrl = kind === 'postgres' ? await createDatabase(await pgAdminUrl()) : undefined
  const database = databaseUrl ? openPostgres(databaseUrl) : openSqlite(dataDir)
  await migrateToLatest(database.db, database.dialect)
  return {
    database,
    dataDir,
    databaseUrl,
    async close() {
      await database.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
