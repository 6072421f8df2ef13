import type { Checkpoint, PullOutput } from '../../shared/sync/protocol'

export type PullFn = (checkpoint: Checkpoint | null, limit: number) => Promise<PullOutput>

/**
 * Read-ahead for the initial pull: after a full batch, the next one is requested at once, so the
 * server and the network work while RxDB writes the current batch instead of waiting for it
 * (RxDB asks for batches strictly one after another). A prefetched batch is used only when RxDB
 * asks for exactly that checkpoint; it is as correct as pulling then, because sequence numbers
 * are assigned in commit order and a later pull continues from its checkpoint. A failed
 * prefetch surfaces as the error of the call that uses it, which RxDB retries.
 */
export function withReadAhead(pull: PullFn): PullFn {
  let ahead: { after: number; limit: number; result: Promise<PullOutput> } | null = null
  return async (checkpoint, limit) => {
    const after = checkpoint?.seq ?? 0
    const result =
      ahead && ahead.after === after && ahead.limit === limit
        ? ahead.result
        : pull(checkpoint, limit)
    ahead = null
    const out = await result
    if (out.documents.length >= limit) {
      const next = pull(out.checkpoint, limit)
      // Handled when used; never an unhandled rejection if it is dropped.
      next.catch(() => undefined)
      ahead = { after: out.checkpoint.seq, limit, result: next }
    }
    return out
  }
}

/**
 * Collects server batches (each at most `serverLimit` documents, the wire protocol's size) into
 * one larger batch for RxDB to write: the client's storage pays per write call (the memory
 * storage merges every index once per call, IndexedDB opens a transaction), so writing 4000
 * documents at a time costs far less than four writes of 1000, while requests stay small.
 */
export async function gatherBatches(
  pull: PullFn,
  checkpoint: Checkpoint | null,
  want: number,
  serverLimit: number,
): Promise<PullOutput> {
  const documents: PullOutput['documents'] = []
  let current = checkpoint
  for (;;) {
    const out = await pull(current, serverLimit)
    documents.push(...out.documents)
    current = out.checkpoint
    if (out.documents.length < serverLimit || documents.length >= want) {
      return { documents, checkpoint: current }
    }
  }
}
