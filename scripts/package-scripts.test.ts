import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
}

describe('package.json scripts', () => {
  it('name only files that exist (test:e2e once ran an e2e/run.mjs that did not)', () => {
    const missing: string[] = []
    for (const [name, command] of Object.entries(pkg.scripts)) {
      for (const [, file] of command.matchAll(/\bnode\s+(?:--\S+\s+)*(\S+\.m?[jt]s)\b/g)) {
        if (file && !existsSync(path.join(root, file))) missing.push(`${name}: ${file}`)
      }
      for (const [, file] of command.matchAll(/\s(bench\/\S+\.ts)\b/g)) {
        if (file && !existsSync(path.join(root, file))) missing.push(`${name}: ${file}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('test:e2e starts vitest with the end-to-end config and passes arguments through', () => {
    expect(pkg.scripts['test:e2e']).toContain('node e2e/run.mjs')
    const run = spawnSync(process.execPath, ['e2e/run.mjs', '--help'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('vitest run')
  })
})
