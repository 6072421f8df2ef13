import { describe, expect, it } from 'vitest'
import { sendChunks, type ChunkSender } from './send-chunks'

class Refused extends Error {
  constructor(readonly received: number) {
    super(`server has ${received}`)
  }
}

/** A server that holds bytes in order, answering each PUT after `delay` ms (in order). */
function fakeServer(options: { failAt?: (offset: number, attempt: number) => Error | null } = {}) {
  let durable = 0
  let expected = 0
  let inFlight = 0
  const seen = {
    maxInFlight: 0,
    puts: [] as [number, number][],
    attempts: new Map<number, number>(),
  }
  let chain = Promise.resolve()
  const put = (offset: number, end: number): Promise<number> => {
    inFlight += 1
    seen.maxInFlight = Math.max(seen.maxInFlight, inFlight)
    seen.puts.push([offset, end])
    const attempt = (seen.attempts.get(offset) ?? 0) + 1
    seen.attempts.set(offset, attempt)
    // Accepted in arrival order (the server's lock), acknowledged in the same order.
    const accepted =
      offset === expected ? (options.failAt?.(offset, attempt) ?? null) : new Refused(durable)
    if (!accepted) expected = end
    else if (!(accepted instanceof Refused)) expected = durable
    const answer = chain.then(
      () =>
        new Promise<number>((resolve, reject) =>
          setTimeout(() => {
            inFlight -= 1
            if (accepted) {
              // A failed chunk: the server forgets it and what came after.
              expected = durable
              reject(accepted instanceof Refused ? new Refused(durable) : accepted)
            } else {
              durable = end
              resolve(durable)
            }
          }, 2),
        ),
    )
    chain = answer.then(
      () => undefined,
      () => undefined,
    )
    return answer
  }
  return { put, seen, durable: () => durable }
}

const sender = (
  server: ReturnType<typeof fakeServer>,
  extra: Partial<ChunkSender> = {},
): ChunkSender => ({
  size: 100,
  chunkBytes: 16,
  inFlight: 2,
  put: server.put,
  resumeAt: (error) => (error instanceof Refused ? error.received : null),
  ...extra,
})

describe('sendChunks', () => {
  it('keeps two chunks in flight and ends with every byte acknowledged in order', async () => {
    const server = fakeServer()
    const progress: number[] = []
    const held = await sendChunks(sender(server, { progress: (r) => progress.push(r) }), 0)
    expect(held).toBe(100)
    expect(server.durable()).toBe(100)
    expect(server.seen.maxInFlight).toBe(2)
    expect(progress).toEqual([16, 32, 48, 64, 80, 96, 100])
    expect(server.seen.puts.map(([o]) => o)).toEqual([0, 16, 32, 48, 64, 80, 96])
  })

  it('sends one at a time when asked to, and resumes from a given offset', async () => {
    const server = fakeServer()
    await expect(sendChunks(sender(server, { inFlight: 1, size: 40 }), 0)).resolves.toBe(40)
    expect(server.seen.maxInFlight).toBe(1)
  })

  it('goes on from the offset the server names when a chunk in the middle failed', async () => {
    // The chunk at 32 is refused once (as if its bytes were lost); the one after it was already
    // on the wire and is refused too. Both are sent again, nothing is skipped.
    const server = fakeServer({
      failAt: (offset, attempt) => (offset === 32 && attempt === 1 ? new Refused(32) : null),
    })
    await expect(sendChunks(sender(server), 0)).resolves.toBe(100)
    expect(server.durable()).toBe(100)
    expect(server.seen.attempts.get(32)).toBe(2)
    expect(server.seen.attempts.get(48)).toBe(2)
  })

  it('throws an error that names no offset, once the requests in flight settled', async () => {
    const server = fakeServer({
      failAt: (offset) => (offset === 16 ? new Error('disk full') : null),
    })
    await expect(sendChunks(sender(server), 0)).rejects.toThrow('disk full')
    // The chunk sent after it was answered before sendChunks gave up.
    expect(server.seen.puts.length).toBeGreaterThanOrEqual(2)
    expect(server.durable()).toBe(16)
  })

  it('stops when aborted, and refuses a sender that could never send', async () => {
    const server = fakeServer()
    const abort = new AbortController()
    const run = sendChunks(
      sender(server, {
        progress: (r) => {
          if (r >= 32) abort.abort(new Error('cancelled'))
        },
        signal: abort.signal,
      }),
      0,
    )
    await expect(run).rejects.toThrow('cancelled')
    expect(server.durable()).toBeLessThan(100)
    await expect(sendChunks(sender(server, { chunkBytes: 0 }), 0)).rejects.toThrow('positive')
  })
})
