// `npm test`: typecheck, lint, build, unit tests, end-to-end tests, Electronegativity — in order,
// typecheck and lint side by side (each is one single-threaded process: on a 2-core machine
// together they take about as long as typecheck alone; their output is printed whole, one after
// the other). Every stage runs (one failure does not hide the next); the last line counts tests
// (not stages), the line above it names the stages that failed (scripts/test-summary.mjs).
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { summarize } from './test-summary.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** @param {string} name */
const bin = (name) => path.join(root, 'node_modules/.bin', name)
mkdirSync(path.join(root, 'test-results'), { recursive: true })

/** @typedef {{ name: string, command: string[], report?: string, together?: string }} Stage */
/** @type {Stage[]} */
const stages = [
  { name: 'typecheck', command: ['npm', 'run', '-s', 'typecheck'], together: 'checks' },
  { name: 'lint', command: ['npm', 'run', '-s', 'lint'], together: 'checks' },
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
const chosen = stages.filter((stage) => !only.length || only.includes(stage.name))

/**
 * Runs one stage. `buffered`: its output is collected and printed whole when it ends, so stages
 * running side by side do not interleave their lines.
 * @param {Stage} stage
 * @param {boolean} buffered
 * @returns {Promise<import('./test-summary.mjs').StageResult>}
 */
function runStage(stage, buffered) {
  if (!buffered) console.log(`\n━━ ${stage.name} ━━`)
  const started = Date.now()
  const [cmd = '', ...args] = stage.command
  const reportFile = stage.report ? path.join(root, stage.report) : null
  if (reportFile) rmSync(reportFile, { force: true })
  /** @type {Buffer[]} */
  const output = []
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, FORCE_COLOR: '1' },
    })
    child.stdout?.on('data', (chunk) => output.push(chunk))
    child.stderr?.on('data', (chunk) => output.push(chunk))
    let ended = false
    /** @param {number | null} status */
    const done = (status) => {
      // 'error' (it could not start) may be followed by 'close': report the stage once.
      if (ended) return
      ended = true
      if (buffered) {
        console.log(`\n━━ ${stage.name} ━━`)
        process.stdout.write(Buffer.concat(output))
      }
      resolve({
        name: stage.name,
        ok: status === 0,
        seconds: (Date.now() - started) / 1000,
        report: reportFile
          ? existsSync(reportFile)
            ? JSON.parse(readFileSync(reportFile, 'utf8'))
            : null
          : undefined,
      })
    }
    child.on('error', (error) => {
      output.push(Buffer.from(`${error.message}\n`))
      done(null)
    })
    child.on('close', done)
  })
}

/** @type {import('./test-summary.mjs').StageResult[]} */
const results = []
for (let i = 0; i < chosen.length;) {
  // A stage and the ones right after it with the same `together` run side by side.
  const first = /** @type {Stage} */ (chosen[i])
  let end = i + 1
  while (first.together && end < chosen.length && chosen[end]?.together === first.together) end++
  const group = chosen.slice(i, end)
  results.push(...(await Promise.all(group.map((s) => runStage(s, group.length > 1)))))
  i = end
}

const { lines, exitCode } = summarize(results, root)
console.log(`\n${lines.join('\n')}`)
process.exit(exitCode)
