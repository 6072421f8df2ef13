import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

describe('the Electronegativity scan', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-eneg-test-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('fails, naming the file, when a file cannot be parsed or is of a type it does not read', () => {
    mkdirSync(path.join(root, 'main'))
    writeFileSync(path.join(root, 'main/broken.ts'), 'export const x = ;\n')
    writeFileSync(path.join(root, 'main/fine.ts'), 'export const ok = 1\n')
    writeFileSync(path.join(root, 'main/helper.mjs'), 'export {}\n')
    const run = spawnSync(process.execPath, ['scripts/electronegativity.mjs', '--root', root], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status).toBe(1)
    const unread = run.stderr
      .split('\n')
      .filter((l) => l.startsWith('NOT SCANNED'))
      .sort()
    expect(unread).toEqual([
      'NOT SCANNED  main/broken.ts: Unexpected token (1:17)',
      'NOT SCANNED  main/helper.mjs: the scanner does not read this file type',
    ])
    expect(run.stdout).toMatch(/2 files not scanned/)
  }, 120_000)
})
