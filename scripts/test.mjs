// `npm test`: typecheck, lint, build, unit tests, end-to-end tests, Electronegativity — in order.
// Every stage runs (one failure does not hide the next); the last line sums up the test counts.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** @param {string} name */
const bin = (name) => path.join(root, 'node_modules/.bin', name)
mkdirSync(path.join(root, 'test-results'), { recursive: true })

/** @type {{ name: string, command: string[], report?: string }[]} */
const stages = [
  { name: 'typecheck', command: ['npm', 'run', '-s', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '-s', 'lint'] },
  // One build up front: unit tests that start the real server or `npm start` use it, and
  // parallel test files never race to rebuild out/.
  { name: 'build', command: [process.execPath, 'scripts/build.mjs'] },
  {
    name: 'unit',
    command: [
      bin('vitest'),
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ],
    report: 'test-results/unit.json',
  },
  {
    name: 'e2e',
    command: [
      bin('vitest'),
      'run',
      '--config',
      'vitest.e2e.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/e2e.json',
    ],
    report: 'test-results/e2e.json',
  },
  { name: 'electronegativity', command: [process.execPath, 'scripts/electronegativity.mjs'] },
]

const only = process.argv.slice(2)
const totals = { passed: 0, failed: 0, skipped: 0 }
const summary = []
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue
  console.log(`\n━━ ${stage.name} ━━`)
  const started = Date.now()
  const [cmd = '', ...args] = stage.command
  const run = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '1' },
  })
  const ok = run.status === 0
  if (stage.report && existsSync(path.join(root, stage.report))) {
    const r = JSON.parse(readFileSync(path.join(root, stage.report), 'utf8'))
    totals.passed += r.numPassedTests ?? 0
    totals.failed += r.numFailedTests ?? 0
    totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  } else if (!stage.report) {
    // Non-test stages count as one check each, so a failing lint shows in the closing line.
    if (ok) totals.passed += 1
    else totals.failed += 1
  }
  if (stage.report && !ok && !existsSync(path.join(root, stage.report))) totals.failed += 1
  summary.push(
    `${ok ? 'ok  ' : 'FAIL'} ${stage.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  )
}

console.log(`\n${summary.join('\n')}`)
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(summary.some((s) => s.startsWith('FAIL')) ? 1 : 0)
