import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { buildTestEntry } from '../test-support/build-entry'
import { testBackends } from '../test-support/harness'
import {
  openTestDatabase,
  stopLocalCluster,
  type TestDatabase,
} from '../test-support/test-database'
import { getJob } from '../test-support/jobs'
import { enqueue } from './queue'

const LEASE_MS = 1_500
const workers: ChildProcess[] = []

afterEach(() => {
  for (const w of workers.splice(0))
    if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL')
})
afterAll(() => stopLocalCluster())

async function startWorker(t: TestDatabase, env: Record<string, string>): Promise<ChildProcess> {
  const entry = await buildTestEntry('server/test-support/job-worker.ts')
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      WORKER_DATA_DIR: t.dataDir,
      ...(t.databaseUrl ? { WORKER_DATABASE_URL: t.databaseUrl } : {}),
      WORKER_LEASE_MS: String(LEASE_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  workers.push(child)
  let output = ''
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString()
      if (output.includes('WORKER_READY')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${output}`)))
  })
  return child
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

function logLines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []
}

async function effects(t: TestDatabase) {
  const rows = await sql<{ job_id: string; owner: string }>`
    select job_id, owner from test_effects order by owner`.execute(t.database.db)
  return rows.rows
}

async function prepare(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const t = await openTestDatabase(kind)
  await sql`create table test_effects (job_id text not null, owner text not null)`.execute(
    t.database.db,
  )
  return t
}

describe.each(testBackends())('durable jobs across processes on %s', (kind) => {
  it('runs a job again after its process is SIGKILLed mid-job — once, never twice', async () => {
    const t = await prepare(kind)
    try {
      const log = path.join(t.dataDir, 'worker.log')
      const { job } = await enqueue(
        t.database.db,
        { kind: 'test.effect', payload: null },
        Date.now(),
      )
      const a = await startWorker(t, { WORKER_MODE: 'hang', WORKER_NAME: 'a', WORKER_LOG: log })
      await until(
        async () => logLines(log),
        (lines) => lines.includes(`start ${job.id} 1 a`),
      )
      a.kill('SIGKILL')
      const killedAt = Date.now()
      await startWorker(t, { WORKER_MODE: 'fast', WORKER_NAME: 'b', WORKER_LOG: log })
      const done = await until(
        () => getJob(t.database.db, job.id),
        (j) => j?.state === 'succeeded',
      )
      expect(done).toMatchObject({ attempts: 2, result: 'b' })
      // B took it over only once A's lease had run out.
      expect(Date.now() - killedAt).toBeGreaterThan(LEASE_MS / 2)
      // Give a third run every chance to happen: it must not.
      await new Promise((r) => setTimeout(r, LEASE_MS * 2))
      expect(await effects(t)).toEqual([{ job_id: job.id, owner: 'b' }])
      expect(logLines(log).filter((l) => l.startsWith('start'))).toEqual([
        `start ${job.id} 1 a`,
        `start ${job.id} 2 b`,
      ])
    } finally {
      await t.close()
    }
  })

  it('refuses the writes of a frozen process that wakes up after another took its job', async () => {
    const t = await prepare(kind)
    try {
      const log = path.join(t.dataDir, 'worker.log')
      const { job } = await enqueue(
        t.database.db,
        { kind: 'test.effect', payload: null },
        Date.now(),
      )
      const a = await startWorker(t, {
        WORKER_MODE: 'slow',
        WORKER_SLOW_MS: String(LEASE_MS * 2),
        WORKER_NAME: 'a',
        WORKER_LOG: log,
      })
      await until(
        async () => logLines(log),
        (lines) => lines.includes(`start ${job.id} 1 a`),
      )
      a.kill('SIGSTOP')
      await startWorker(t, { WORKER_MODE: 'fast', WORKER_NAME: 'b', WORKER_LOG: log })
      await until(
        () => getJob(t.database.db, job.id),
        (j) => j?.state === 'succeeded',
      )
      a.kill('SIGCONT')
      // A finishes its sleep and tries to commit its effect and finish the job: refused.
      await new Promise((r) => setTimeout(r, LEASE_MS * 3))
      expect(await effects(t)).toEqual([{ job_id: job.id, owner: 'b' }])
      expect(await getJob(t.database.db, job.id)).toMatchObject({ state: 'succeeded', result: 'b' })
      expect(logLines(log)).not.toContain(`done ${job.id} a`)
    } finally {
      await t.close()
    }
  })
})

describe.runIf(testBackends().includes('postgres'))('two instances on one PostgreSQL', () => {
  it('share the due jobs without running any twice', async () => {
    const t = await prepare('postgres')
    try {
      const count = 1_000
      const now = Date.now()
      for (let i = 0; i < count; i += 1)
        await enqueue(t.database.db, { kind: 'test.effect', payload: i }, now)
      await Promise.all(
        ['a', 'b'].map((name) =>
          startWorker(t, { WORKER_MODE: 'fast', WORKER_NAME: name, WORKER_CONCURRENCY: '8' }),
        ),
      )
      await until(
        async () =>
          (
            await t.database.db
              .selectFrom('jobs')
              .select('id')
              .where('state', '!=', 'succeeded')
              .execute()
          ).length,
        (left) => left === 0,
        60_000,
      )
      const rows = await effects(t)
      expect(rows).toHaveLength(count)
      expect(new Set(rows.map((r) => r.job_id)).size).toBe(count)
      const attempts = await t.database.db.selectFrom('jobs').select('attempts').execute()
      expect(attempts.every((j) => j.attempts === 1)).toBe(true)
      // Both took part.
      expect(new Set(rows.map((r) => r.owner))).toEqual(new Set(['a', 'b']))
    } finally {
      await t.close()
    }
  })
})
