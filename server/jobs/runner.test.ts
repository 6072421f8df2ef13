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
import { claimDue, enqueue, leaseOf, markSucceeded, resumeAccountJobs, type Job } from './queue'
import { JobRunner, type JobHandler } from './runner'
import { getJob } from '../test-support/jobs'

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

  it('group-commits finishing jobs: each job’s effects and successor only while its lease holds', async () => {
    const clock = new ManualClock(T0)
    const tag = uuidv7()
    const handler: JobHandler = {
      kind: 'batched',
      run: async (ctx) => {
        const n = ctx.job.payload as number
        await ctx.finish({
          result: { n },
          effects: async (trx) => {
            // Job 3's effects fail: the batch falls back to one transaction per job.
            if (n === 3) throw new Error('effect refused')
            await enqueue(
              trx,
              { kind: 'marker', payload: n, runAt: T0 + HOUR, dedupeKey: `${tag}:m${n}` },
              T0,
            )
          },
          enqueue: [{ kind: 'next', payload: n, runAt: T0 + HOUR, dedupeKey: `${tag}:n${n}` }],
        })
      },
    }
    const runner = new JobRunner({
      database: t.database,
      bus: new ChangeBus(),
      clock,
      owner: 'batcher',
      handlers: [handler],
      concurrency: 8,
      leaseMs: 30_000,
      random: () => 0.5,
    })
    const jobs: Job[] = []
    for (let n = 0; n < 6; n += 1)
      jobs.push(
        (await enqueue(t.database.db, { kind: 'batched', payload: n, maxAttempts: 1 }, T0)).job,
      )
    expect(await runner.drain()).toBe(6)
    const rows = await t.database.db
      .selectFrom('jobs')
      .select(['dedupe_key', 'state'])
      .where('dedupe_key', 'like', `${tag}:%`)
      .execute()
    const keys = rows.map((r) => r.dedupe_key).sort()
    // Every job but 3 left its marker and its successor; 3 left neither and failed (one attempt).
    expect(keys).toEqual([0, 1, 2, 4, 5].flatMap((n) => [`${tag}:m${n}`, `${tag}:n${n}`]).sort())
    for (const [n, job] of jobs.entries()) {
      const stored = await getJob(t.database.db, job.id)
      if (n === 3) expect(stored).toMatchObject({ state: 'failed', lastError: 'effect refused' })
      else expect(stored).toMatchObject({ state: 'succeeded', result: { n } })
    }
  })

  it('refuses a batched finish after the lease was taken over, and gives back unstarted claims on stop', async () => {
    const clock = new ManualClock(T0)
    const tag = uuidv7()
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const outcomes: string[] = []
    const slow: JobHandler = {
      kind: `slow-${tag}`,
      run: async (ctx) => {
        await gate
        await ctx
          .finish({
            effects: (trx) =>
              enqueue(
                trx,
                { kind: 'marker', payload: 0, runAt: T0 + HOUR, dedupeKey: `${tag}:late` },
                T0,
              ).then(() => undefined),
          })
          .then(
            () => outcomes.push('finished'),
            (error: unknown) => outcomes.push(String(error)),
          )
      },
    }
    const job = await enqueue(t.database.db, { kind: slow.kind, payload: null }, T0)
    const a = runnerWith(clock, [slow], 'slow-a')
    const running = a.drain()
    await expect
      .poll(async () => (await getJob(t.database.db, job.job.id))?.leaseOwner)
      .toBe('slow-a')
    // A's lease runs out while it is stuck (as for a frozen process: set in the store, because
    // advancing the clock would also wake A's heartbeat, which may renew first); B takes over.
    await t.database.db
      .updateTable('jobs')
      .set({ lease_until: clock.now() })
      .where('id', '=', job.job.id)
      .execute()
    const [taken] = await claimDue(t.database.db, t.database.dialect, {
      owner: 'instance-b',
      now: clock.now(),
      leaseMs: 30_000,
      limit: 10,
    })
    expect(taken?.id).toBe(job.job.id)
    release()
    await running
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).toMatch(/lease/i)
    const late = await t.database.db
      .selectFrom('jobs')
      .select('id')
      .where('dedupe_key', '=', `${tag}:late`)
      .execute()
    expect(late).toEqual([])
    expect(await getJob(t.database.db, job.job.id)).toMatchObject({
      state: 'running',
      leaseOwner: 'instance-b',
    })

    // A runner stopping with claimed jobs it never started hands them back, attempt refunded.
    const never: JobHandler = { kind: `never-${tag}`, run: () => new Promise(() => undefined) }
    const waiting: Job[] = []
    for (let i = 0; i < 3; i += 1)
      waiting.push(
        (await enqueue(t.database.db, { kind: never.kind, payload: i }, clock.now())).job,
      )
    const busy = new JobRunner({
      database: t.database,
      bus: new ChangeBus(),
      clock,
      owner: 'busy',
      handlers: [
        {
          kind: never.kind,
          // Runs until told to stop: one slot, the other claimed jobs wait in the buffer.
          run: (ctx) =>
            new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve())),
        },
      ],
      concurrency: 1,
      claimBatch: 3,
      leaseMs: 30_000,
      pollMs: 60_000,
    })
    busy.start()
    await expect
      .poll(async () => {
        const states = await Promise.all(waiting.map((w) => getJob(t.database.db, w.id)))
        return states.filter((j) => j?.leaseOwner === 'busy').length
      })
      .toBe(3)
    await busy.stop()
    const after = await Promise.all(waiting.map((w) => getJob(t.database.db, w.id)))
    const given = after.filter((j) => j?.state === 'queued' && j.attempts === 0)
    // The one that ran finished when stopped; the two that never started are queued again.
    expect(given).toHaveLength(2)
    expect(busy.started).toBe(1)
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
