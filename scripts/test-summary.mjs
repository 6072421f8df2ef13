// How `npm test` sums up: the closing line counts TESTS (from the runners' JSON reports), never
// stages; stages that failed (typecheck, lint, build, the scan, or a runner that crashed before
// reporting) are listed on their own line above it. Pure, so it is unit-tested.

/**
 * @typedef {object} StageResult
 * @property {string} name
 * @property {boolean} ok
 * @property {number} seconds
 * @property {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number } | null} [report]
 *   the runner's JSON report; undefined for stages that run no tests, null when one was expected
 *   but not written
 */

/** @param {StageResult[]} stages */
export function summarize(stages) {
  const totals = { passed: 0, failed: 0, skipped: 0 }
  const failedStages = []
  const lines = []
  for (const s of stages) {
    if (s.report) {
      totals.passed += s.report.numPassedTests ?? 0
      totals.failed += s.report.numFailedTests ?? 0
      totals.skipped += (s.report.numPendingTests ?? 0) + (s.report.numTodoTests ?? 0)
    }
    if (!s.ok)
      failedStages.push(s.report === null ? `${s.name} (crashed before reporting)` : s.name)
    lines.push(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds.toFixed(1)} s)`)
  }
  lines.push(
    failedStages.length ? `failed stages: ${failedStages.join(', ')}` : 'failed stages: none',
  )
  lines.push(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
  return { lines, totals, exitCode: failedStages.length ? 1 : 0 }
}
