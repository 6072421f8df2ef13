import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const WAT = 'renderer/features/editor/preview/wasm/scale-planes.wat'

describe('wat-to-ts --check', () => {
  const check = () =>
    spawnSync(process.execPath, ['scripts/wat-to-ts.mjs', '--check'], { encoding: 'utf8' })

  it('passes: the committed .wasm.ts modules are their .wat sources assembled', () => {
    const run = check()
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })

  it('fails when a .wat changed without regenerating its module', () => {
    const original = readFileSync(WAT, 'utf8')
    try {
      writeFileSync(WAT, original.replace('(i32.const 16384)', '(i32.const 16383)'))
      const run = check()
      expect(run.status).toBe(1)
      expect(run.stderr).toMatch(/is not .*scale-planes\.wat assembled/)
    } finally {
      writeFileSync(WAT, original)
    }
  })
})
