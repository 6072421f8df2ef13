import { describe, expect, it } from 'vitest'
import { sendInPieces } from './send-in-pieces'

describe('sendInPieces', () => {
  it('sends every byte once, in order, in pieces of the given size', async () => {
    const data = new Uint8Array(25).map((_, i) => i)
    const sent: [number, number[]][] = []
    await sendInPieces(
      new Blob([data]),
      async (offset, bytes) => {
        sent.push([offset, [...bytes]])
      },
      10,
    )
    expect(sent.map(([offset, bytes]) => [offset, bytes.length])).toEqual([
      [0, 10],
      [10, 10],
      [20, 5],
    ])
    expect(sent.flatMap(([, bytes]) => bytes)).toEqual([...data])
  })

  it('sends nothing for an empty blob and stops at the first failure', async () => {
    let calls = 0
    await sendInPieces(new Blob([]), async () => {
      calls += 1
    })
    expect(calls).toBe(0)
    await expect(
      sendInPieces(
        new Blob([new Uint8Array(30)]),
        async () => {
          calls += 1
          throw new Error('main refused')
        },
        10,
      ),
    ).rejects.toThrow('main refused')
    expect(calls).toBe(1)
  })
})
