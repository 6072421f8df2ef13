// `npm test`: typecheck, lint, build, unit tests, end-to-end tests, Electronegativity — in order.
// Every stage runs (one failure does not hide the next); the last line counts tests (not stages),
// the line above it names the stages that failed (scripts/test-summary.mjs).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { summarize } from './test-summary.mjs'

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
/** @type {import('./test-summary.mjs').StageResult[]} */
const results = []
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue
  console.log(`\n━━ ${stage.name} ━━`)
  const started = Date.now()
  const [cmd = '', ...args] = stage.command
  const reportFile = stage.report ? path.join(root, stage.report) : null
  if (reportFile) rmSync(reportFile, { force: true })
  const run = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: '1' },
  })
  results.push({
    name: stage.name,
    ok: run.status === 0,
    seconds: (Date.now() - started) / 1000,
    report: reportFile
      ? existsSync(reportFile)
        ? JSON.parse(readFileSync(reportFile, 'utf8'))
        : null
      : undefined,
  })
}

const { lines, exitCode } = summarize(results)
console.log(`\n${lines.join('\n')}`)
process.exit(exitCode)
