import type { TestProject } from 'vitest/node'
import { buildTestServer } from './build-server'
import './provided-context'
import { postgresAvailable, startPostgresCluster, type PostgresCluster } from './postgres'

/**
 * Optional vitest globalSetup (add `globalSetup: ['server/test-support/global-setup.ts']` to the
 * config): one server build and one PostgreSQL cluster for the whole run. Without it each test
 * file builds and starts its own (a few seconds more per file).
 */
let cluster: PostgresCluster | null = null

export async function setup(project: TestProject): Promise<void> {
  await buildTestServer()
  cluster = postgresAvailable() ? await startPostgresCluster() : null
  project.provide('reeldeskPgAdminUrl', cluster?.adminUrl ?? null)
}

export function teardown(): void {
  cluster?.stop()
  cluster = null
}
