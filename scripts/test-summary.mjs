// How `npm test` sums up: the closing line counts TESTS (from the runners' JSON reports), never
// stages; stages that failed (typecheck, lint, build, the scan, or a runner that crashed before
// reporting) are listed on their own line above it, and above that each failed test by file and
// name with the first line of its error — CI keeps only the tail of the output, so the tail must
// say what failed. Pure, so it is unit-tested.

/**
 * @typedef {object} StageResult
 * @property {string} name
 * @property {boolean} ok
 * @property {number} seconds
 * @property {Report | null} [report]
 *   the runner's JSON report; undefined for stages that run no tests, null when one was expected
 *   but not written
 */

/**
 * @typedef {object} Report  the part of a vitest JSON report read here
 * @property {number} [numPassedTests]
 * @property {number} [numFailedTests]
 * @property {number} [numPendingTests]
 * @property {number} [numTodoTests]
 * @property {{ name: string, status?: string, message?: string,
 *   assertionResults?: { fullName?: string, title?: string, status?: string, failureMessages?: string[] }[] }[]} [testResults]
 */

/** The longest error line printed for one failed test. */
const MESSAGE_CHARS = 300

/** First non-empty line of an error, without terminal colours, cut to MESSAGE_CHARS. */
function firstLine(/** @type {string | undefined} */ text) {
  // eslint-disable-next-line no-control-regex
  const plain = (text ?? '').replace(/\u001b\[[0-9;]*m/g, '')
  const line = (plain.split('\n').find((l) => l.trim()) ?? '').trim()
  return line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS)}…` : line
}

/**
 * One line per failed test (or per test file that failed outside any test, e.g. in beforeAll).
 * @param {string} stage
 * @param {Report} report
 * @param {string} root  stripped from file paths
 */
function failedTests(stage, report, root) {
  const lines = []
  for (const file of report.testResults ?? []) {
    const name = root && file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed')
    for (const a of failed)
      lines.push(
        `failed test (${stage}): ${name} › ${a.fullName ?? a.title}: ${firstLine(a.failureMessages?.[0])}`,
      )
    if (!failed.length && file.status === 'failed')
      lines.push(`failed file (${stage}): ${name}: ${firstLine(file.message)}`)
  }
  return lines
}

/**
 * @param {StageResult[]} stages
 * @param {string} [root]  the checkout's path, stripped from the failed tests' file names
 */
export function summarize(stages, root = '') {
  const totals = { passed: 0, failed: 0, skipped: 0 }
  const failedStages = []
  const lines = []
  const failures = []
  for (const s of stages) {
    if (s.report) {
      failures.push(...failedTests(s.name, s.report, root))
      totals.passed += s.report.numPassedTests ?? 0
      totals.failed += s.report.numFailedTests ?? 0
      totals.skipped += (s.report.numPendingTests ?? 0) + (s.report.numTodoTests ?? 0)
    }
    if (!s.ok)
      failedStages.push(s.report === null ? `${s.name} (crashed before reporting)` : s.name)
    lines.push(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`)
  }
  lines.push(...failures)
  lines.push(
    failedStages.length ? `failed stages: ${failedStages.join(', ')}` : 'failed stages: none',
  )
  lines.push(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
  return { lines, totals, exitCode: failedStages.length ? 1 : 0 }
}
