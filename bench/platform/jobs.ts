import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { openPostgres } from '../../server/db/connect'
import { enqueue } from '../../server/jobs/queue'
import { testClient } from '../../server/test-support/client'
import { startServerProcess, type ServerProcess } from '../../server/test-support/server-process'

export interface JobsResult {
  jobs: number
  /** Two server instances sharing one PostgreSQL database. */
  twoPerS: number
  /** The anchor, measured first: the same work on one instance. */
  onePerS: number
  duplicateRuns: number
  accounts: number
}

// Each instance runs JOB_CONCURRENCY jobs at once with a pool a little larger (the HTTP side
// keeps a few connections); both are server settings (README, Configuration).
export const JOB_CONCURRENCY = Number(process.env.BENCH_JOB_CONCURRENCY ?? 16)
const ENV = {
  // Both instances must open each other's sealed tokens.
  REELDESK_SECRET: 'bench secret shared by both instances',
  REELDESK_JOB_CONCURRENCY: String(JOB_CONCURRENCY),
  REELDESK_DB_POOL_MAX: String(JOB_CONCURRENCY + 4),
  REELDESK_JOB_POLL_MS: '50',
}

async function startInstance(databaseUrl: string, dirs: string[]): Promise<ServerProcess> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-bench-jobs-'))
  dirs.push(dataDir)
  return startServerProcess({ dataDir, databaseUrl, env: ENV })
}

/**
 * Job throughput against the sandbox: `count` event-poll jobs over `accounts` linked sandbox
 * accounts (each job reads the account's new events, writes them and moves its cursor, in one
 * lease-checked transaction), all due at once; first one server instance, then two on the same
 * PostgreSQL database. A duplicate run is a job claimed more than once.
 */
export async function measureJobs(
  databaseUrl: string,
  options: { accounts: number; count: number },
): Promise<JobsResult> {
  const dirs: string[] = []
  const database = openPostgres(databaseUrl)
  const a = await startInstance(databaseUrl, dirs)
  const targets: { workspaceId: string; accountId: string }[] = []
  for (let i = 0; i < options.accounts; i += 1) {
    const up = await testClient(a.url).auth.signUp.mutate({
      email: `jobs-bench-${Date.now().toString(36)}-${i}@example.com`,
      password: 'correct horse battery staple',
      displayName: `Bench ${i}`,
    })
    const api = testClient(a.url, up.token)
    const { accountId } = await api.platform.linkSandbox.mutate({
      workspaceId: up.personalWorkspaceId,
      size: 'new',
      seed: 100 + i,
    })
    targets.push({ workspaceId: up.personalWorkspaceId, accountId })
  }
  const idle = async () => {
    for (;;) {
      const row = await database.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('state', 'in', ['queued', 'running'])
        .where('run_at', '<=', Date.now())
        .executeTakeFirstOrThrow()
      if (Number(row.n) === 0) return
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  await idle()

  const batch = async (tag: string): Promise<{ perS: number; duplicates: number }> => {
    const parked = Date.now() + 3_600_000
    for (let i = 0; i < options.count; i += 1) {
      const target = targets[i % targets.length]
      if (!target) throw new Error('no accounts')
      await enqueue(
        database.db,
        {
          kind: 'platform.events',
          payload: target,
          runAt: parked,
          dedupeKey: `bench:${tag}:${i}`,
          ...target,
        },
        Date.now(),
      )
    }
    const started = Date.now()
    await sql`update jobs set run_at = ${started} where dedupe_key like ${`bench:${tag}:%`}`.execute(
      database.db,
    )
    for (;;) {
      const left = await database.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('dedupe_key', 'like', `bench:${tag}:%`)
        .where('state', '!=', 'succeeded')
        .executeTakeFirstOrThrow()
      if (Number(left.n) === 0) break
      await new Promise((r) => setTimeout(r, 20))
    }
    const elapsed = (Date.now() - started) / 1000
    const dup = await database.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.sum<string>(eb('attempts', '-', 1)).as('extra'))
      .where('dedupe_key', 'like', `bench:${tag}:%`)
      .executeTakeFirstOrThrow()
    return { perS: options.count / elapsed, duplicates: Number(dup.extra ?? 0) }
  }

  const one = await batch('one')
  const b = await startInstance(databaseUrl, dirs)
  const two = await batch('two')
  await Promise.all([a.stop(), b.stop()])
  await database.close()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  return {
    jobs: options.count,
    onePerS: one.perS,
    twoPerS: two.perS,
    duplicateRuns: one.duplicates + two.duplicates,
    accounts: options.accounts,
  }
}
