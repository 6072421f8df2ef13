import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, inject } from 'vitest'
import './provided-context'
import {
  copyDatabase,
  createDatabase,
  postgresAvailable,
  startPostgresCluster,
  PG_BIN,
  type PostgresCluster,
} from './postgres'
import { startServerProcess, type ServerOptions, type ServerProcess } from './server-process'

export type BackendKind = 'sqlite' | 'postgres'

let warned = false

/** Backends every integration suite runs against: SQLite always, PostgreSQL when installed. */
export function testBackends(): BackendKind[] {
  if (postgresAvailable()) return ['sqlite', 'postgres']
  if (!warned) {
    warned = true
    process.stdout.write(
      `PostgreSQL runs were not made: no initdb/pg_ctl in ${PG_BIN} (set REELDESK_PG_BIN).\n`,
    )
  }
  return ['sqlite']
}

let localCluster: Promise<PostgresCluster> | null = null
let localUsers = 0

async function adminUrl(): Promise<string> {
  const provided = inject('reeldeskPgAdminUrl')
  if (provided) return provided
  localCluster ??= startPostgresCluster()
  return (await localCluster).adminUrl
}

export interface BackendStore {
  dataDir: string
  databaseUrl: string | undefined
}

export interface Harness {
  kind: BackendKind
  /** A fresh, empty store: a temp data folder and, for PostgreSQL, a new database. */
  newStore(): Promise<BackendStore>
  /**
   * A backup of a store taken now (its server must be stopped): the data folder copied, and for
   * PostgreSQL a new database made from it as a template. Restoring = starting a server on it.
   */
  backup(store: BackendStore): Promise<BackendStore>
  start(
    store: BackendStore,
    options?: Omit<ServerOptions, 'dataDir' | 'databaseUrl'>,
  ): Promise<ServerProcess>
}

/**
 * Call inside a describe: servers it starts are killed and temp folders removed after the
 * describe; a PostgreSQL cluster this file started is stopped when its last user is done.
 */
export function useHarness(kind: BackendKind): Harness {
  const servers: ServerProcess[] = []
  const dirs: string[] = []
  if (kind === 'postgres') localUsers += 1
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill()))
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    if (kind === 'postgres') {
      localUsers -= 1
      if (localUsers === 0 && localCluster) {
        const cluster = await localCluster
        localCluster = null
        cluster.stop()
      }
    }
  })
  return {
    kind,
    async newStore() {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-data-'))
      dirs.push(dataDir)
      return {
        dataDir,
        databaseUrl: kind === 'postgres' ? await createDatabase(await adminUrl()) : undefined,
      }
    },
    async backup(store) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-backup-'))
      dirs.push(dataDir)
      cpSync(store.dataDir, dataDir, { recursive: true })
      return {
        dataDir,
        databaseUrl: store.databaseUrl
          ? await copyDatabase(await adminUrl(), store.databaseUrl)
          : undefined,
      }
    },
    async start(store, options = {}) {
      const server = await startServerProcess({
        ...options,
        dataDir: store.dataDir,
        databaseUrl: store.databaseUrl,
      })
      servers.push(server)
      return server
    },
  }
}
