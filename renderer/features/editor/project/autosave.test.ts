import { describe, expect, it } from 'vitest'
import { createAutosaver, type SaveState } from './autosave'

function deferred() {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('autosaver', () => {
  it('writes one at a time and always ends with the newest value', async () => {
    const written: number[] = []
    const gates: ReturnType<typeof deferred>[] = []
    const saver = createAutosaver<number>(
      async (v) => {
        const gate = deferred()
        gates.push(gate)
        await gate.promise
        written.push(v)
      },
      () => undefined,
    )
    void saver.save(1)
    void saver.save(2)
    void saver.save(3)
    expect(gates).toHaveLength(1) // only one write in flight
    gates[0]?.resolve()
    await Promise.resolve()
    await new Promise((r) => setTimeout(r, 0))
    gates[1]?.resolve()
    await saver.flush()
    expect(written).toEqual([1, 3]) // 2 was superseded before it was written
  })

  it('reports failures and retries the unsaved value on the next save', async () => {
    const states: SaveState[] = []
    let fail = true
    const written: string[] = []
    const saver = createAutosaver<string>(
      async (v) => {
        if (fail) throw new Error('disk full')
        written.push(v)
      },
      (s) => states.push(s),
    )
    await saver.save('a')
    expect(states.at(-1)).toBe('failed')
    fail = false
    await saver.flush()
    expect(written).toEqual(['a'])
    expect(states.at(-1)).toBe('saved')
  })
})
