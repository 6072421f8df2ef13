import { describe, expect, it, vi } from 'vitest'
import type { Checkpoint, PullOutput } from '../../shared/sync/protocol'
import { gatherBatches, withReadAhead } from './pull-ahead'

/** A server holding documents with seq 1..total. */
function server(total: number) {
  return vi.fn(async (checkpoint: Checkpoint | null, limit: number): Promise<PullOutput> => {
    const after = checkpoint?.seq ?? 0
    const seqs = Array.from(
      { length: Math.max(0, Math.min(limit, total - after)) },
      (_, i) => after + i + 1,
    )
    return {
      documents: seqs.map((seq) => ({ id: `d${seq}` })),
      checkpoint: { seq: seqs.at(-1) ?? after },
    }
  })
}

describe('withReadAhead', () => {
  it('fetches the next batch while the current one is processed, and uses it', async () => {
    const pull = server(25)
    const ahead = withReadAhead(pull)
    const first = await ahead(null, 10)
    expect(first.checkpoint).toEqual({ seq: 10 })
    expect(pull).toHaveBeenCalledTimes(2) // the second batch is already on its way
    const second = await ahead(first.checkpoint, 10)
    expect(second.documents.map((d) => d.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `d${11 + i}`),
    )
    expect(pull).toHaveBeenCalledTimes(3)
    const third = await ahead(second.checkpoint, 10)
    expect(third.documents).toHaveLength(5)
    expect(pull).toHaveBeenCalledTimes(3) // a short batch means the end: nothing more prefetched
  })

  it('ignores a prefetched batch for another checkpoint', async () => {
    const pull = server(30)
    const ahead = withReadAhead(pull)
    await ahead(null, 10)
    const other = await ahead({ seq: 20 }, 10)
    expect(other.documents[0]).toEqual({ id: 'd21' })
    expect(pull).toHaveBeenCalledWith({ seq: 20 }, 10)
  })

  it('surfaces a failed prefetch to the call that uses it, then recovers on retry', async () => {
    const pull = server(30)
    let calls = 0
    // The second request (the prefetch) fails as if the network dropped.
    const flaky = vi.fn((checkpoint: Checkpoint | null, limit: number) =>
      ++calls === 2 ? Promise.reject(new Error('network down')) : pull(checkpoint, limit),
    )
    const ahead = withReadAhead(flaky)
    const first = await ahead(null, 10)
    await expect(ahead(first.checkpoint, 10)).rejects.toThrow('network down')
    await expect(ahead(first.checkpoint, 10)).resolves.toMatchObject({ checkpoint: { seq: 20 } })
  })
})

describe('gatherBatches', () => {
  it('joins server batches into one write batch, keeping the last checkpoint', async () => {
    const pull = server(35)
    const out = await gatherBatches(pull, null, 20, 10)
    expect(out.documents.map((d) => d.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `d${i + 1}`),
    )
    expect(out.checkpoint).toEqual({ seq: 20 })
    expect(pull).toHaveBeenCalledTimes(2)
  })

  it('stops at a short batch (the end of the data)', async () => {
    const pull = server(15)
    const out = await gatherBatches(pull, { seq: 0 }, 40, 10)
    expect(out.documents).toHaveLength(15)
    expect(out.checkpoint).toEqual({ seq: 15 })
  })

  it('returns an empty batch at its checkpoint when nothing is new', async () => {
    const out = await gatherBatches(server(15), { seq: 15 }, 40, 10)
    expect(out).toEqual({ documents: [], purge: [], checkpoint: { seq: 15 } })
  })
})

describe('access fills', () => {
  /** A server answering a fill: full batches of purge orders, then a short batch. */
  function purging(batches: number, limit: number) {
    let n = 0
    return vi.fn(async (checkpoint: Checkpoint | null): Promise<PullOutput> => {
      n += 1
      const after = checkpoint?.fill?.after ?? 0
      const size = n <= batches ? limit : 2
      const purge = Array.from({ length: size }, (_, i) => `p${after + i + 1}`)
      const scope = { kind: 'all' as const }
      return n <= batches
        ? {
            documents: [],
            purge,
            checkpoint: { seq: 50, scope, fill: { has: scope, may: scope, after: after + size } },
          }
        : { documents: [], purge, checkpoint: { seq: 50, scope } }
    })
  }

  it('counts purge orders towards a full batch, so a fill is not taken for the end', async () => {
    const pull = purging(3, 10)
    const out = await gatherBatches(pull, { seq: 50 }, 40, 10)
    expect(pull).toHaveBeenCalledTimes(4)
    expect(out.purge).toHaveLength(32)
    expect(out.checkpoint).toEqual({ seq: 50, scope: { kind: 'all' } })
  })

  it('keys read-ahead by the whole checkpoint: a fill keeps the seq and moves the rest', async () => {
    const pull = purging(2, 10)
    const ahead = withReadAhead(pull)
    const first = await ahead({ seq: 50 }, 10)
    expect(pull).toHaveBeenCalledTimes(2) // full batch: the next is prefetched
    // Same seq, another checkpoint: the prefetched batch is not used for it.
    await ahead({ seq: 50, scope: { kind: 'none' } }, 10)
    expect(pull).toHaveBeenCalledTimes(3)
    expect(first.checkpoint.fill?.after).toBe(10)
  })
})
