import { build } from 'esbuild'
import { launchChromium } from '../../e2e/chromium'

/**
 * `npm run bench:earnings`: the earnings area's computations in Chromium on a 50-account workspace
 * with 1,000,000 ledger entries, each beside an anchor measured in the same run (a plain loop
 * adding the same entries' amounts): the month view of one account (its roll-up, the month's
 * entries, rewards reconciliation and alerts — what EarningsPage computes on each change), the
 * roll-up across all accounts, and every program's eligibility for every account.
 * Goals (issue 12): month view ≤ 200 ms p95, year roll-up ≤ 1,000 ms, eligibility ≤ 50 ms.
 * What it does not measure: reading the entries out of IndexedDB and drawing the page.
 */
const ENTRIES = Number(process.env.ENTRIES ?? 1_000_000)
const ACCOUNTS = 50
const REPEATS = 40

const bundle = await build({
  entryPoints: ['bench/earnings/in-page.ts'],
  bundle: true,
  write: false,
  format: 'iife',
  globalName: 'earningsBench',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
})
const browser = await launchChromium()
try {
  const page = await browser.newPage()
  await page.goto('about:blank')
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' })
  const out = (await page.evaluate(
    (o) =>
      (window as unknown as { earningsBench: { run(x: typeof o): unknown } }).earningsBench.run(o),
    { entries: ENTRIES, accounts: ACCOUNTS, now: Date.UTC(2026, 10, 15, 12), repeats: REPEATS },
  )) as {
    monthView: number[]
    monthAnchor: number[]
    yearRollup: number
    yearAnchor: number
    eligibility: number
  }
  const p95 = (v: number[]) =>
    [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * 0.95))] ?? NaN
  const r1 = (n: number) => Math.round(n * 10) / 10
  const month = p95(out.monthView)
  const monthAnchor = p95(out.monthAnchor)
  const rows = [
    ['month view (one account, p95)', r1(month), r1(monthAnchor), 200],
    ['year roll-up (all accounts)', r1(out.yearRollup), r1(out.yearAnchor), 1000],
    ['eligibility (6 programs × 50 accounts)', r1(out.eligibility), null, 50],
  ] as const
  console.log(
    `earnings bench: ${ENTRIES.toLocaleString('en-US')} entries, ${ACCOUNTS} accounts, Chromium`,
  )
  console.log('| measure | ms | anchor ms (plain sum) | ratio | goal ms |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  for (const [name, ms, anchor, goal] of rows)
    console.log(
      `| ${name} | ${ms} | ${anchor ?? '—'} | ${anchor ? r1(ms / Math.max(anchor, 0.1)) : '—'} | ${goal} |`,
    )
  console.log(
    JSON.stringify({
      bench: 'earnings',
      entries: ENTRIES,
      month_view_p95_ms: r1(month),
      month_anchor_p95_ms: r1(monthAnchor),
      year_rollup_ms: r1(out.yearRollup),
      year_anchor_ms: r1(out.yearAnchor),
      eligibility_eval_ms: r1(out.eligibility),
    }),
  )
} finally {
  await browser.close()
}
