import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256OfBlob } from './hash-file'

describe('sha256OfBlob', () => {
  it('hashes across slice boundaries exactly as Node does, reporting progress', async () => {
    const bytes = randomBytes(8 * 1024 * 1024 + 12_345)
    const seen: number[] = []
    const hash = await sha256OfBlob(new Blob([bytes]), (n) => seen.push(n))
    expect(hash).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(seen).toEqual([8 * 1024 * 1024, bytes.length])
  })

  it('hashes an empty file and stops when aborted', async () => {
    expect(await sha256OfBlob(new Blob([]))).toBe(createHash('sha256').digest('hex'))
    const abort = new AbortController()
    abort.abort()
    await expect(
      sha256OfBlob(new Blob([randomBytes(10)]), undefined, abort.signal),
    ).rejects.toThrow()
  })
})
