/**
 * Sends a file's bytes [from, size) as resumable-upload chunks with up to `inFlight` requests on
 * the wire: the next chunk travels while the server makes the one before durable. Answers are
 * taken in order; each says how many bytes the server holds durably. When one is refused with
 * the offset the server has (a chunk lost on the way, a server restart), the rest in flight are
 * let finish and sending goes on from that offset. Any other error ends it (after the requests
 * in flight settled), for the caller to retry or report. Pure: the caller does the requests.
 */
export interface ChunkSender {
  size: number
  chunkBytes: number
  inFlight: number
  /** PUTs bytes [offset, end); resolves with the bytes the server now holds durably. */
  put(offset: number, end: number): Promise<number>
  /** The offset to go on from when `error` is a refusal that names one; null otherwise. */
  resumeAt(error: unknown): number | null
  /** After each acknowledged chunk, with the bytes the server holds. */
  progress?(received: number): void
  signal?: AbortSignal
}

type Answer = { ok: true; received: number } | { ok: false; error: unknown }

/** Resolves with the bytes the server holds once it acknowledged the last chunk. */
export async function sendChunks(sender: ChunkSender, from: number): Promise<number> {
  if (sender.chunkBytes <= 0 || sender.inFlight < 1)
    throw new Error('chunkBytes and inFlight must be positive')
  let next = from
  let received = from
  const queue: { end: number; answer: Promise<Answer> }[] = []
  const drain = async () => {
    await Promise.all(queue.map((q) => q.answer))
    queue.length = 0
  }
  for (;;) {
    while (queue.length < sender.inFlight && next < sender.size) {
      if (sender.signal?.aborted) {
        await drain()
        sender.signal.throwIfAborted()
      }
      const end = Math.min(sender.size, next + sender.chunkBytes)
      const answer = sender.put(next, end).then(
        (r): Answer => ({ ok: true, received: r }),
        (error: unknown): Answer => ({ ok: false, error }),
      )
      queue.push({ end, answer })
      next = end
    }
    const head = queue.shift()
    if (!head) return received
    const answer = await head.answer
    if (answer.ok) {
      received = answer.received
      sender.progress?.(received)
      // The server holds something else than this chunk's end: go on from what it says.
      if (received !== head.end) {
        await drain()
        next = received
      }
      continue
    }
    await drain()
    const at = sender.resumeAt(answer.error)
    if (at === null) throw answer.error
    received = at
    next = at
  }
}
