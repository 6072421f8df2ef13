import type { Checkpoint, PullOutput } from '../../shared/sync/protocol'

export type PullFn = (checkpoint: Checkpoint | null, limit: number) => Promise<PullOutput>

/** Entries a pull answer counts against its limit: documents and purge orders alike. */
export function entriesOf(out: PullOutput): number {
  return out.documents.length + (out.purge?.length ?? 0)
}

/** One spelling per checkpoint: during an access fill the seq stays put while the rest moves. */
function keyOf(checkpoint: Checkpoint | null): string {
  return JSON.stringify(checkpoint)
}

/**
 * Read-ahead for the initial pull: after a full batch, the next one is requested at once, so the
 * server and the network work while RxDB writes the current batch instead of waiting for it
 * (RxDB asks for batches strictly one after another). A prefetched batch is used only when RxDB
 * asks for exactly that checkpoint; it is as correct as pulling then, because sequence numbers
 * are assigned in commit order and a later pull continues from its checkpoint. A failed
 * prefetch surfaces as the error of the call that uses it, which RxDB retries.
 */
export function withReadAhead(pull: PullFn): PullFn {
  let ahead: { key: string; limit: number; result: Promise<PullOutput> } | null = null
  return async (checkpoint, limit) => {
    const key = keyOf(checkpoint)
    const result =
      ahead && ahead.key === key && ahead.limit === limit ? ahead.result : pull(checkpoint, limit)
    ahead = null
    const out = await result
    if (entriesOf(out) >= limit) {
      const next = pull(out.checkpoint, limit)
      // Handled when used; never an unhandled rejection if it is dropped.
      next.catch(() => undefined)
      ahead = { key: keyOf(out.checkpoint), limit, result: next }
    }
    return out
  }
}

/**
 * Collects server batches (each at most `serverLimit` entries, the wire protocol's size) into
 * one larger batch for RxDB to write: the client's storage pays per write call (the memory
 * storage merges every index once per call, IndexedDB opens a transaction), so writing 4000
 * documents at a time costs far less than four writes of 1000, while requests stay small.
 * It stops early only when the server is caught up (a short batch), so RxDB, which reads fewer
 * documents than it asked for as "caught up", never stops while purge orders fill the batches.
 */
export async function gatherBatches(
  pull: PullFn,
  checkpoint: Checkpoint | null,
  want: number,
  serverLimit: number,
): Promise<Required<PullOutput>> {
  const documents: PullOutput['documents'] = []
  const purge: string[] = []
  let current = checkpoint
  for (;;) {
    const out = await pull(current, serverLimit)
    documents.push(...out.documents)
    purge.push(...(out.purge ?? []))
    current = out.checkpoint
    if (entriesOf(out) < serverLimit || documents.length >= want) {
      return { documents, purge, checkpoint: current }
    }
  }
}
