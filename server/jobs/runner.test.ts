import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../shared/data/ids'
import { ChangeBus } from '../sync/change-bus'
import { testBackends } from '../test-support/harness'
import {
  openTestDatabase,
  stopLocalCluster,
  type TestDatabase,
} from '../test-support/test-database'
import { backoffMs } from './backoff'
import { ManualClock } from './clock'
import { JobFailed, PauseJob, RetryLater } from './errors'
import {
  claimDue,
  enqueue,
  getJob,
  leaseOf,
  markSucceeded,
  resumeAccountJobs,
  type Job,
} from './queue'
import { JobRunner, type JobHandler } from './runner'

const T0 = Date.UTC(2026, 2, 2, 8, 0, 0)
const HOUR = 3_600_000

afterAll(() => stopLocalCluster())

describe.each(testBackends())('durable jobs on %s', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(kind)
  })
  afterAll(() => t.close())

  const runnerWith = (clock: ManualClock, handlers: JobHandler[], owner = 'test-runner') =>
    new JobRunner({
      database: t.database,
      bus: new ChangeBus(),
      clock,
      owner,
      handlers,
      leaseMs: 30_000,
      random: () => 0.5,
    })

  it('runs a job when it is due, not before, and records its result', async () => {
    const clock = new ManualClock(T0)
    const ran: string[] = []
    const runner = runnerWith(clock, [
      { kind: 'later', run: async (ctx) => void ran.push(ctx.job.id) },
    ])
    const job = await runner.enqueue({ kind: 'later', payload: { n: 1 }, runAt: T0 + HOUR })
    expect(await runner.drain()).toBe(0)
    clock.advance(HOUR)
    expect(await runner.drain()).toBe(1)
    expect(ran).toEqual([job.id])
    const done = await getJob(t.database.db, job.id)
    expect(done).toMatchObject({ state: 'succeeded', attempts: 1, finishedAt: T0 + HOUR })
  })

  it('gives back the pending job for a dedupe key, and a new one once it finished', async () => {
    const clock = new ManualClock(T0)
    const runner = runnerWith(clock, [{ kind: 'dedupe', run: async () => undefined }])
    const key = `k-${uuidv7()}`
    const first = await enqueue(t.database.db, { kind: 'dedupe', payload: 1, dedupeKey: key }, T0)
    const second = await enqueue(t.database.db, { kind: 'dedupe', payload: 2, dedupeKey: key }, T0)
    expect(first.created).toBe(true)
    expect(second).toMatchObject({ created: false, job: { id: first.job.id } })
    await runner.drain()
    const third = await enqueue(t.database.db, { kind: 'dedupe', payload: 3, dedupeKey: key }, T0)
    expect(third.created).toBe(true)
    expect(third.job.id).not.toBe(first.job.id)
  })

  it('retries a failing job with growing delays and fails it after its last attempt', async () => {
    const clock = new ManualClock(T0)
    let calls = 0
    const runner = runnerWith(clock, [
      {
        kind: 'flaky',
        run: async () => {
          calls += 1
          throw new Error(`boom ${calls}`)
        },
      },
    ])
    const job = await runner.enqueue({ kind: 'flaky', payload: null, maxAttempts: 3 })
    await runner.drain()
    let row = await getJob(t.database.db, job.id)
    expect(row).toMatchObject({ state: 'queued', attempts: 1, lastError: 'boom 1' })
    expect(row?.runAt).toBe(T0 + backoffMs(1, { random: () => 0.5 }))
    clock.advanceTo(row?.runAt ?? 0)
    await runner.drain()
    row = await getJob(t.database.db, job.id)
    expect(row?.runAt).toBe(
      T0 + backoffMs(1, { random: () => 0.5 }) + backoffMs(2, { random: () => 0.5 }),
    )
    clock.advanceTo(row?.runAt ?? 0)
    await runner.drain()
    row = await getJob(t.database.db, job.id)
    expect(row).toMatchObject({ state: 'failed', attempts: 3, lastError: 'boom 3' })
    expect(calls).toBe(3)
  })

  it('waits without spending attempts, fails at once when told, and parks paused jobs', async () => {
    const clock = new ManualClock(T0)
    let waits = 0
    const accountId = uuidv7()
    const runner = runnerWith(clock, [
      {
        kind: 'wait',
        run: async () => {
          waits += 1
          if (waits < 3) throw new RetryLater(60_000, 'rate limited')
        },
      },
      {
        kind: 'refused',
        run: async () => {
          throw new JobFailed('the platform refused this for good')
        },
      },
      {
        kind: 'reconnect',
        run: async () => {
          throw new PauseJob('needs reconnect')
        },
      },
    ])
    const wait = await runner.enqueue({ kind: 'wait', payload: null, maxAttempts: 1 })
    const refused = await runner.enqueue({ kind: 'refused', payload: null })
    const paused = await runner.enqueue({ kind: 'reconnect', payload: null, accountId })
    await runner.drain()
    clock.advance(60_000)
    await runner.drain()
    clock.advance(60_000)
    await runner.drain()
    expect(await getJob(t.database.db, wait.id)).toMatchObject({ state: 'succeeded', attempts: 1 })
    expect(await getJob(t.database.db, refused.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'the platform refused this for good',
    })
    expect(await getJob(t.database.db, paused.id)).toMatchObject({
      state: 'paused',
      lastError: 'needs reconnect',
    })
    expect(await resumeAccountJobs(t.database.db, accountId, clock.now())).toBe(1)
    expect(await getJob(t.database.db, paused.id)).toMatchObject({ state: 'queued' })
  })

  it('hands a job whose lease expired to another instance and refuses the first one’s writes', async () => {
    const clock = new ManualClock(T0)
    const effects: string[] = []
    const handler: JobHandler = {
      kind: 'once',
      run: async (ctx) => {
        await ctx.transaction(
          async () => void effects.push(`${ctx.lease.owner}#${ctx.lease.attempt}`),
          {
            finish: { result: 'done' },
          },
        )
      },
    }
    const job = await enqueue(t.database.db, { kind: 'once', payload: null }, T0)
    // Instance A claims the job, then freezes (its process stopped): it never finishes.
    const [claimed] = await claimDue(t.database.db, t.database.dialect, {
      owner: 'frozen-a',
      now: T0,
      leaseMs: 30_000,
      limit: 10,
    })
    expect(claimed?.id).toBe(job.job.id)
    const b = runnerWith(clock, [handler], 'instance-b')
    expect(await b.drain()).toBe(0)
    clock.advance(30_000)
    expect(await b.drain()).toBe(1)
    expect(effects).toEqual(['instance-b#2'])
    // A wakes up and tries to finish: its lease is gone, so nothing changes.
    const stale = leaseOf(claimed as Job)
    expect(await markSucceeded(t.database.db, stale, 'late', clock.now())).toBe(false)
    expect(await getJob(t.database.db, job.job.id)).toMatchObject({
      state: 'succeeded',
      attempts: 2,
      result: 'done',
    })
  })

  it('runs a simulated week of recurring jobs in moments', async () => {
    const clock = new ManualClock(T0)
    const seen: number[] = []
    const runner = runnerWith(clock, [
      {
        kind: 'hourly',
        run: async (ctx) => {
          seen.push(clock.now())
          const next = ctx.job.runAt + HOUR
          if (next < T0 + 7 * 24 * HOUR)
            await ctx.enqueue({
              kind: 'hourly',
              payload: null,
              runAt: next,
              dedupeKey: `hourly:${next}`,
            })
        },
      },
    ])
    await runner.enqueue({ kind: 'hourly', payload: null, runAt: T0, dedupeKey: `hourly:${T0}` })
    for (let i = 0; i < 7 * 24 + 2; i += 1) {
      await runner.drain()
      clock.advance(HOUR)
    }
    expect(seen).toHaveLength(7 * 24)
    expect(seen.every((at, i) => at === T0 + i * HOUR)).toBe(true)
  })
})
