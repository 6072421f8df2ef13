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
