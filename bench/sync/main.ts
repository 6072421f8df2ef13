// Sync benchmark (npm run bench:sync): real server processes on SQLite and PostgreSQL, real RxDB
// clients in Node (memory storage) and the web build in Chromium. Prints a table, then one JSON line.
import { spawnSync } from 'node:child_process'
import { measureChromium } from './chromium'
import { measureLive, measurePull, measurePush } from './node-measures'
import { postgresAvailable, startBenchServer, stopPostgres } from './server'

const PULL_DOCS = Number(process.env.BENCH_PULL_DOCS ?? 100_000)
const PUSH_DOCS = Number(process.env.BENCH_PUSH_DOCS ?? 10_000)
const LIVE_UPDATES = Number(process.env.BENCH_LIVE_UPDATES ?? 200)
const CHROMIUM_DOCS = Number(process.env.BENCH_CHROMIUM_DOCS ?? 20_000)

interface Row {
  measure: string
  value: number
  unit: string
  target: string
  ok: boolean
}

// The Chromium measure loads the web build that the server serves.
if (
  spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { stdio: 'inherit' }).status !==
  0
) {
  throw new Error('build failed')
}

const rows: Row[] = []
const round = (n: number) => Math.round(n)

const sqlite = await startBenchServer('sqlite')
const pull = await measurePull(sqlite.server.url, PULL_DOCS)
rows.push({
  measure: `initial pull, ${PULL_DOCS} docs, SQLite`,
  value: round(pull),
  unit: 'docs/s',
  target: '≥ 40000',
  ok: pull >= 40_000,
})
const push = await measurePush(sqlite.server.url, PUSH_DOCS)
rows.push({
  measure: `push of ${PUSH_DOCS} offline docs, SQLite`,
  value: round(push),
  unit: 'docs/s',
  target: '≥ 10000',
  ok: push >= 10_000,
})
const live = await measureLive(sqlite.server.url, LIVE_UPDATES)
rows.push({
  measure: `live propagation p50, ${LIVE_UPDATES} updates`,
  value: +live.p50.toFixed(1),
  unit: 'ms',
  target: '',
  ok: true,
})
rows.push({
  measure: `live propagation p95, ${LIVE_UPDATES} updates`,
  value: +live.p95.toFixed(1),
  unit: 'ms',
  target: '≤ 25',
  ok: live.p95 <= 25,
})
const chromiumMs = await measureChromium(sqlite.server.url, CHROMIUM_DOCS)
rows.push({
  measure: `initial sync, ${CHROMIUM_DOCS} docs into Chromium IndexedDB`,
  value: round(chromiumMs),
  unit: 'ms',
  target: '≤ 6000',
  ok: chromiumMs <= 6000,
})
await sqlite.cleanup()

let pullPg: number | null = null
if (postgresAvailable()) {
  const pg = await startBenchServer('postgres')
  pullPg = await measurePull(pg.server.url, PULL_DOCS)
  rows.push({
    measure: `initial pull, ${PULL_DOCS} docs, PostgreSQL`,
    value: round(pullPg),
    unit: 'docs/s',
    target: '',
    ok: true,
  })
  await pg.cleanup()
  stopPostgres()
} else {
  process.stdout.write('PostgreSQL pull not measured: PostgreSQL binaries are not installed.\n')
}

const width = Math.max(...rows.map((r) => r.measure.length))
process.stdout.write(`\n${'measure'.padEnd(width)}  ${'value'.padStart(9)}  unit     target    \n`)
for (const r of rows) {
  process.stdout.write(
    `${r.measure.padEnd(width)}  ${String(r.value).padStart(9)}  ${r.unit.padEnd(7)}  ${r.target.padEnd(8)}  ${r.target ? (r.ok ? 'met' : 'MISSED') : ''}\n`,
  )
}
process.stdout.write(
  `${JSON.stringify({
    bench: 'sync',
    pull_docs_per_s: round(pull),
    pull_pg_docs_per_s: pullPg === null ? null : round(pullPg),
    push_docs_per_s: round(push),
    live_p95_ms: +live.p95.toFixed(1),
    chromium_20k_ms: round(chromiumMs),
  })}\n`,
)
process.exit(0)
