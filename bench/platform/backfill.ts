import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { CollectionName } from '../../shared/data/collection-contract'
import { COLLECTION_NAMES } from '../../shared/data/collection-contract'
import { uuidv7 } from '../../shared/data/ids'
import { openPostgres, openSqlite, type Database } from '../../server/db/connect'
import { migrateToLatest } from '../../server/db/migrate'
import { fromJsonColumn } from '../../server/db/values'
import { systemClock } from '../../server/jobs/clock'
import { createPlatformServices } from '../../server/platforms/create-services'
import { linkSandboxAccount } from '../../server/platforms/linking'
import type { SandboxSize } from '../../server/platforms/sandbox/profiles'
import { ChangeBus } from '../../server/sync/change-bus'
import { writeServerDocs } from '../../server/test-support/write-server-docs'

export interface BackfillResult {
  /** Median of the runs: link → every document of the year committed. */
  ms: number
  runs: number[]
  docs: number
  /** The anchor: the same documents written by one plain server write, no simulation. */
  writeOnlyMs: number
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

async function openStore(
  databaseUrl: string | undefined,
): Promise<{ database: Database; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-backfill-'))
  const database = databaseUrl ? openPostgres(databaseUrl) : openSqlite(dataDir)
  await migrateToLatest(database.db, database.dialect)
  return { database, dataDir }
}

/**
 * Backfill of one sandbox account-year into the store, in this process (the job the server runs
 * on link, driven to completion): simulation, ingest and the workspace writes, committed.
 */
export async function measureBackfill(
  size: SandboxSize,
  databaseUrl: string | undefined,
  runs = 5,
): Promise<BackfillResult> {
  const { database, dataDir } = await openStore(databaseUrl)
  const bus = new ChangeBus()
  const services = createPlatformServices({
    database,
    bus,
    clock: systemClock,
    dataDir,
    config: {
      secret: 'bench secret, long enough to use',
      tiktok: null,
      publicOrigins: [],
      jobs: { enabled: false, concurrency: 4, leaseMs: 60_000, pollMs: 1_000 },
    },
  })
  const times: number[] = []
  let last = ''
  for (let i = 0; i < runs + 1; i += 1) {
    const workspaceId = uuidv7()
    const started = performance.now()
    await linkSandboxAccount(services, { workspaceId, size, seed: 7_000 + i })
    await services.runner.drain()
    // The first run warms the code paths up; it is not counted.
    if (i > 0) times.push(performance.now() - started)
    last = workspaceId
  }
  const rows = await database.db
    .selectFrom('documents')
    .select(['collection', 'data'])
    .where('workspace_id', '=', last)
    .execute()
  const target = uuidv7()
  const byCollection = new Map<CollectionName, Record<string, unknown>[]>()
  for (const row of rows) {
    const name = COLLECTION_NAMES.find((c) => c === row.collection)
    if (!name) continue
    const doc = { ...(fromJsonColumn(row.data) as Record<string, unknown>), workspaceId: target }
    byCollection.set(name, [...(byCollection.get(name) ?? []), doc])
  }
  const anchorStart = performance.now()
  for (const [collection, docs] of byCollection)
    await writeServerDocs(database, bus, target, collection, docs)
  const writeOnlyMs = performance.now() - anchorStart
  await database.close()
  rmSync(dataDir, { recursive: true, force: true })
  return { ms: median(times), runs: times, docs: rows.length, writeOnlyMs }
}
