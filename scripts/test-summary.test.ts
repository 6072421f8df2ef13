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

  it('names each failed test with its file and the first line of its error, above the stages', () => {
    const { lines } = summarize(
      [
        {
          name: 'e2e',
          ok: false,
          seconds: 1,
          report: {
            ...report(3, 1),
            testResults: [
              {
                name: '/repo/e2e/export.e2e.test.ts',
                status: 'failed',
                assertionResults: [
                  { fullName: 'export › plays', status: 'passed', failureMessages: [] },
                  {
                    fullName: 'export › cancels',
                    status: 'failed',
                    failureMessages: [
                      '\u001b[31mAssertionError: expected 2 to be 1\u001b[39m\n    at x.ts:1',
                    ],
                  },
                ],
              },
              {
                name: '/repo/e2e/sync.e2e.test.ts',
                status: 'failed',
                message: '\nHook timed out',
                assertionResults: [],
              },
              { name: '/repo/e2e/ok.e2e.test.ts', status: 'passed', assertionResults: [] },
            ],
          },
        },
      ],
      '/repo',
    )
    expect(lines.slice(1, 3)).toEqual([
      'failed test (e2e): e2e/export.e2e.test.ts › export › cancels: AssertionError: expected 2 to be 1',
      'failed file (e2e): e2e/sync.e2e.test.ts: Hook timed out',
    ])
    expect(lines.at(-2)).toBe('failed stages: e2e')
  })

  it('cuts a long error line', () => {
    const { lines } = summarize([
      {
        name: 'unit',
        ok: false,
        seconds: 1,
        report: {
          ...report(0, 1),
          testResults: [
            {
              name: 'a.test.ts',
              assertionResults: [
                { title: 't', status: 'failed', failureMessages: ['x'.repeat(1000)] },
              ],
            },
          ],
        },
      },
    ])
    expect(lines[1]).toBe(`failed test (unit): a.test.ts › t: ${'x'.repeat(300)}…`)
  })
})
