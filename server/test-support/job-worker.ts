/**
 * TEST EQUIPMENT: a process that runs the real JobRunner against a test database, with one job
 * kind whose effect is a row in `test_effects`, committed in the same lease-checked transaction
 * that finishes the job. Tests kill it (SIGKILL), freeze it (SIGSTOP) or run two of it on one
 * PostgreSQL database. Configured by environment variables (see below).
 */
import { appendFileSync } from 'node:fs'
import { sql } from 'kysely'
import { openDatabase } from '../db/connect'
import { systemClock } from '../jobs/clock'
import { JobRunner } from '../jobs/runner'
import { ChangeBus } from '../sync/change-bus'

const env = process.env
const mode = env.WORKER_MODE ?? 'fast'
const owner = env.WORKER_NAME ?? `worker-${process.pid}`
const database = openDatabase({
  dataDir: env.WORKER_DATA_DIR ?? '',
  databaseUrl: env.WORKER_DATABASE_URL,
})

const runner = new JobRunner({
  database,
  bus: new ChangeBus(),
  clock: systemClock,
  owner,
  concurrency: Number(env.WORKER_CONCURRENCY ?? 4),
  leaseMs: Number(env.WORKER_LEASE_MS ?? 2_000),
  pollMs: Number(env.WORKER_POLL_MS ?? 50),
  handlers: [
    {
      kind: 'test.effect',
      async run(ctx) {
        if (env.WORKER_LOG)
          appendFileSync(env.WORKER_LOG, `start ${ctx.job.id} ${ctx.lease.attempt} ${owner}\n`)
        if (mode === 'hang' && ctx.lease.attempt === 1) await new Promise(() => undefined)
        if (mode === 'slow') await systemClock.sleep(Number(env.WORKER_SLOW_MS ?? 5_000))
        await ctx.transaction(
          async (trx) => {
            await sql`insert into test_effects (job_id, owner) values (${ctx.job.id}, ${owner})`.execute(
              trx,
            )
          },
          { finish: { result: owner } },
        )
        if (env.WORKER_LOG) appendFileSync(env.WORKER_LOG, `done ${ctx.job.id} ${owner}\n`)
      },
    },
  ],
})
runner.start()
process.stdout.write('WORKER_READY\n')
process.on('SIGTERM', () => {
  void runner.stop().then(async () => {
    await database.close()
    process.exit(0)
  })
})
