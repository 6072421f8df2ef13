// Sync benchmark (npm run bench:sync): real server processes on SQLite and PostgreSQL, real RxDB
// clients in Node (memory storage) and the web build in Chromium. Each throughput has an anchor
// measured in the same run (bench/sync/anchors.ts, and the plain IndexedDB write in
// chromium.ts), so the ratios hold on a machine whose speed varies. Prints a table, then one
// JSON line.
import { spawnSync } from 'node:child_process'
import { httpPull, plainInsert, plainRead } from './anchors'
import { measureChromium } from './chromium'
import { measureLive, measurePull, measurePush } from './node-measures'
import { postgresAvailable, startBenchServer, stopPostgres, type BenchServer } from './server'

const PULL_DOCS = Number(process.env.BENCH_PULL_DOCS ?? 100_000)
const PUSH_DOCS = Number(process.env.BENCH_PUSH_DOCS ?? 10_000)
const LIVE_UPDATES = Number(process.env.BENCH_LIVE_UPDATES ?? 200)
const CHROMIUM_DOCS = Number(process.env.BENCH_CHROMIUM_DOCS ?? 20_000)

/** Goals on the ratios (issue 8): pull and push at least half their anchor, Chromium ≤ 2.5×. */
const PULL_RATIO_GOAL = 0.5
const PUSH_RATIO_GOAL = 0.5
const CHROMIUM_RATIO_GOAL = 2.5

interface Row {
  measure: string
  value: number
  unit: string
  target: string
  ok: boolean | null
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
const ratio = (n: number) => Math.round(n * 100) / 100
const row = (
  measure: string,
  value: number,
  unit: string,
  target = '',
  ok: boolean | null = null,
) => rows.push({ measure, value, unit, target, ok })

/** An anchor measured before and after the measure it belongs to: the mean of the two. */
async function around<T>(
  anchor: () => Promise<number>,
  measure: () => Promise<T>,
): Promise<{ result: T; anchor: number }> {
  const before = await anchor()
  const result = await measure()
  const after = await anchor()
  return { result, anchor: (before + after) / 2 }
}

async function pullWithAnchor(bench: BenchServer, label: string) {
  // The anchor needs the workspace the pull seeded: measure first, then anchor twice after it.
  const pulled = await measurePull(bench.server.url, PULL_DOCS)
  const a = await plainRead(bench.store, pulled.workspaceId, PULL_DOCS)
  const b = await plainRead(bench.store, pulled.workspaceId, PULL_DOCS)
  const anchor = (a + b) / 2
  const wire = await httpPull(bench.server.url, pulled.token, pulled.workspaceId, PULL_DOCS)
  row(`initial pull, ${PULL_DOCS} docs, ${label}`, round(pulled.rate), 'docs/s')
  row(`  anchor: plain read of the same rows, ${label}`, round(anchor), 'docs/s')
  row(`  (the same pull over HTTP, no client database)`, round(wire), 'docs/s')
  return { rate: pulled.rate, anchor, wire }
}

const sqlite = await startBenchServer('sqlite')
const pull = await pullWithAnchor(sqlite, 'SQLite')
const pullRatio = pull.rate / pull.anchor
row(
  '  pull ratio (pull / plain read)',
  ratio(pullRatio),
  '×',
  `≥ ${PULL_RATIO_GOAL}`,
  pullRatio >= PULL_RATIO_GOAL,
)

const push = await around(
  () => plainInsert(sqlite.store, PUSH_DOCS),
  () => measurePush(sqlite.server.url, PUSH_DOCS),
)
const pushRatio = push.result / push.anchor
row(`push of ${PUSH_DOCS} offline docs, SQLite`, round(push.result), 'docs/s')
row('  anchor: plain transactional insert of the same rows', round(push.anchor), 'docs/s')
row(
  '  push ratio (push / plain insert)',
  ratio(pushRatio),
  '×',
  `≥ ${PUSH_RATIO_GOAL}`,
  pushRatio >= PUSH_RATIO_GOAL,
)

const live = await measureLive(sqlite.server.url, LIVE_UPDATES)
row(`live propagation p50, ${LIVE_UPDATES} updates`, +live.p50.toFixed(1), 'ms')
row(
  `live propagation p95, ${LIVE_UPDATES} updates`,
  +live.p95.toFixed(1),
  'ms',
  '≤ 25',
  live.p95 <= 25,
)

const chromium = await measureChromium(sqlite.server.url, CHROMIUM_DOCS)
const chromiumRatio = chromium.syncMs / chromium.plainMs
row(`initial sync, ${CHROMIUM_DOCS} docs into Chromium IndexedDB`, round(chromium.syncMs), 'ms')
row('  anchor: plain IndexedDB bulk write of the same docs', round(chromium.plainMs), 'ms')
row(
  '  Chromium ratio (sync / plain write)',
  ratio(chromiumRatio),
  '×',
  `≤ ${CHROMIUM_RATIO_GOAL}`,
  chromiumRatio <= CHROMIUM_RATIO_GOAL,
)
await sqlite.cleanup()

let pullPg: { rate: number; anchor: number; wire: number } | null = null
if (postgresAvailable()) {
  const pg = await startBenchServer('postgres')
  pullPg = await pullWithAnchor(pg, 'PostgreSQL')
  row('  pull ratio, PostgreSQL', ratio(pullPg.rate / pullPg.anchor), '×')
  await pg.cleanup()
  stopPostgres()
} else {
  process.stdout.write('PostgreSQL pull not measured: PostgreSQL binaries are not installed.\n')
}

const width = Math.max(...rows.map((r) => r.measure.length))
process.stdout.write(`\n${'measure'.padEnd(width)}  ${'value'.padStart(9)}  unit     target    \n`)
for (const r of rows) {
  const verdict = r.ok === null ? '' : r.ok ? 'met' : 'MISSED'
  process.stdout.write(
    `${r.measure.padEnd(width)}  ${String(r.value).padStart(9)}  ${r.unit.padEnd(7)}  ${r.target.padEnd(8)}  ${verdict}\n`,
  )
}
process.stdout.write(
  `${JSON.stringify({
    bench: 'sync',
    pull_docs_per_s: round(pull.rate),
    pull_anchor_docs_per_s: round(pull.anchor),
    pull_ratio: ratio(pullRatio),
    pull_http_docs_per_s: round(pull.wire),
    pull_pg_docs_per_s: pullPg === null ? null : round(pullPg.rate),
    pull_pg_ratio: pullPg === null ? null : ratio(pullPg.rate / pullPg.anchor),
    push_docs_per_s: round(push.result),
    push_anchor_docs_per_s: round(push.anchor),
    push_ratio: ratio(pushRatio),
    live_p95_ms: +live.p95.toFixed(1),
    chromium_20k_ms: round(chromium.syncMs),
    chromium_anchor_ms: round(chromium.plainMs),
    chromium_ratio: ratio(chromiumRatio),
  })}\n`,
)
process.exit(0)
