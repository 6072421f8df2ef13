import { describe, expect, it } from 'vitest'
import { summarize } from './test-summary.mjs'

const report = (passed: number, failed: number, pending = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: 0,
})

describe('npm test summary', () => {
  it('counts tests only, not the stages that run no tests', () => {
    const { lines, exitCode } = summarize([
      { name: 'typecheck', ok: true, seconds: 1 },
      { name: 'lint', ok: true, seconds: 1 },
      { name: 'build', ok: true, seconds: 1 },
      { name: 'unit', ok: true, seconds: 1, report: report(10, 0, 2) },
      { name: 'e2e', ok: true, seconds: 1, report: report(5, 0) },
      { name: 'electronegativity', ok: true, seconds: 1 },
    ])
    expect(lines.at(-1)).toBe('tests: 15 passed, 0 failed, 2 skipped')
    expect(lines.at(-2)).toBe('failed stages: none')
    expect(exitCode).toBe(0)
  })

  it('names failed stages on their own line and fails the run, without counting them as tests', () => {
    const { lines, exitCode } = summarize([
      { name: 'typecheck', ok: false, seconds: 1 },
      { name: 'unit', ok: false, seconds: 1, report: report(9, 1) },
      { name: 'e2e', ok: false, seconds: 1, report: null },
      { name: 'electronegativity', ok: false, seconds: 1 },
    ])
    expect(lines.at(-1)).toBe('tests: 9 passed, 1 failed, 0 skipped')
    expect(lines.at(-2)).toBe(
      'failed stages: typecheck, unit, e2e (crashed before reporting), electronegativity',
    )
    expect(lines[0]).toBe('FAIL typecheck (1.0 s)')
    expect(exitCode).toBe(1)
  })
})
