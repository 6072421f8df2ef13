import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  createDatabase,
  postgresAvailable,
  startPostgresCluster,
  type PostgresCluster,
} from '../../server/test-support/postgres'
import { startServerProcess, type ServerProcess } from '../../server/test-support/server-process'
import { testClient } from '../../server/test-support/client'
import { MAX_PUSH_ROWS } from '../../shared/sync/protocol'
import { productDoc } from './docs'

/** Where a bench server keeps its data: the anchors read and write the same database. */
export interface BenchStore {
  dataDir: string
  databaseUrl: string | undefined
}

export interface BenchServer {
  server: ServerProcess
  store: BenchStore
  cleanup(): Promise<void>
}

let cluster: PostgresCluster | null = null

export async function startBenchServer(kind: 'sqlite' | 'postgres'): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-'))
  let databaseUrl: string | undefined
  if (kind === 'postgres') {
    cluster ??= await startPostgresCluster()
    databaseUrl = await createDatabase(cluster.adminUrl)
  }
  const server = await startServerProcess({ dataDir, databaseUrl })
  return {
    server,
    store: { dataDir, databaseUrl },
    async cleanup() {
      await server.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export function stopPostgres(): void {
  cluster?.stop()
  cluster = null
}

export { postgresAvailable }

let users = 0

/** A new user (and their personal workspace) on the server. */
export async function benchUser(url: string) {
  users += 1
  const email = `bench${Date.now().toString(36)}${users}@example.com`
  const password = 'correct horse battery staple'
  const signedUp = await testClient(url).auth.signUp.mutate({
    email,
    password,
    displayName: `Bench ${users}`,
  })
  return { email, password, token: signedUp.token, workspaceId: signedUp.personalWorkspaceId }
}

/** Writes `count` products straight through the push procedure, in the largest batches allowed. */
export async function seedProducts(url: string, token: string, workspaceId: string, count: number) {
  const api = testClient(url, token)
  for (let start = 0; start < count; start += MAX_PUSH_ROWS) {
    const rows = []
    for (let i = start; i < Math.min(count, start + MAX_PUSH_ROWS); i++) {
      rows.push({ newDocumentState: productDoc(workspaceId, i) })
    }
    const out = await api.sync.push.mutate({ collection: 'products', workspaceId, rows })
    if (out.conflicts.length || out.refused.length)
      throw new Error(
        `seeding hit ${out.conflicts.length} conflicts, ${out.refused.length} refusals`,
      )
  }
}
