// Platform benchmark (npm run bench:platform): sandbox backfill of one account-year into the
// store (SQLite and PostgreSQL, against writing the same documents alone), and durable-job
// throughput with two server instances on one PostgreSQL database (against one instance).
// Prints a table, then one JSON line.
import {
  createDatabase,
  postgresAvailable,
  startPostgresCluster,
} from '../../server/test-support/postgres'
import { measureBackfill } from './backfill'
import { JOB_CONCURRENCY, measureJobs } from './jobs'

// BENCH_PLATFORM_ONLY=jobs|backfill runs one half (the whole bench takes minutes).
const ONLY = process.env.BENCH_PLATFORM_ONLY ?? 'all'
const ACCOUNTS = Number(process.env.BENCH_JOB_ACCOUNTS ?? 40)
const JOBS = Number(process.env.BENCH_JOBS ?? 4_000)

interface Row {
  measure: string
  value: string
  target: string
}
const rows: Row[] = []
const ms = (n: number) => `${Math.round(n)} ms`

const backfills = ONLY !== 'jobs'
const sqlite = backfills ? await measureBackfill('12k', undefined) : null
if (sqlite) {
  rows.push({
    measure: `backfill, 12k account-year (${sqlite.docs} docs), SQLite`,
    value: ms(sqlite.ms),
    target: '≤ 1000 ms',
  })
  rows.push({
    measure: '… anchor: the same docs, write only, SQLite',
    value: ms(sqlite.writeOnlyMs),
    target: '',
  })
  const big = await measureBackfill('250k', undefined, 3)
  rows.push({
    measure: `backfill, 250k account-year (${big.docs} docs), SQLite`,
    value: ms(big.ms),
    target: '',
  })
}

let pgBackfill: number | null = null
let jobs: Awaited<ReturnType<typeof measureJobs>> | null = null
if (postgresAvailable()) {
  const cluster = await startPostgresCluster()
  try {
    if (backfills) {
      const pg = await measureBackfill('12k', await createDatabase(cluster.adminUrl))
      pgBackfill = pg.ms
      rows.push({
        measure: `backfill, 12k account-year (${pg.docs} docs), PostgreSQL`,
        value: ms(pg.ms),
        target: '',
      })
      rows.push({
        measure: '… anchor: the same docs, write only, PostgreSQL',
        value: ms(pg.writeOnlyMs),
        target: '',
      })
    }
    if (ONLY !== 'backfill') {
      jobs = await measureJobs(await createDatabase(cluster.adminUrl), {
        accounts: ACCOUNTS,
        count: JOBS,
      })
      rows.push({
        measure: `jobs: ${jobs.jobs} sandbox event polls over ${jobs.accounts} accounts, 1 instance (${JOB_CONCURRENCY} at once)`,
        value: `${Math.round(jobs.onePerS)} jobs/s`,
        target: '',
      })
      rows.push({
        measure: `jobs: the same, 2 instances on one PostgreSQL`,
        value: `${Math.round(jobs.twoPerS)} jobs/s`,
        target: '≥ 500 jobs/s',
      })
      rows.push({ measure: 'duplicate runs', value: String(jobs.duplicateRuns), target: '0' })
    }
  } finally {
    cluster.stop()
  }
} else {
  process.stdout.write('PostgreSQL is not installed: the job throughput measure was skipped.\n')
}

const width = Math.max(...rows.map((r) => r.measure.length))
process.stdout.write(`\n${'measure'.padEnd(width)} | value          | target\n`)
process.stdout.write(`${'-'.repeat(width)}-|----------------|-------------\n`)
for (const r of rows)
  process.stdout.write(`${r.measure.padEnd(width)} | ${r.value.padEnd(14)} | ${r.target}\n`)
process.stdout.write(
  `${JSON.stringify({
    bench: 'platform',
    backfill_account_year_ms: sqlite ? Math.round(sqlite.ms) : null,
    backfill_pg_ms: pgBackfill === null ? null : Math.round(pgBackfill),
    jobs_per_s: jobs ? Math.round(jobs.twoPerS) : null,
    jobs_one_instance_per_s: jobs ? Math.round(jobs.onePerS) : null,
    duplicate_runs: jobs ? jobs.duplicateRuns : null,
  })}\n`,
)
process.exit(0)
