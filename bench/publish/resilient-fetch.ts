/**
 * fetch that sends a request again when the connection was reset before any answer: a kept-alive
 * socket the server closed (its idle timeout) just as the client reused it. On a machine with a
 * load average of 25 the client's event loop stalls past undici's 1 s safety margin and the
 * bench died with `fetch failed` (ECONNRESET). The server never read such a request, so sending
 * it again is safe; any answer at all (an error status included) is returned as it came.
 */
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNREFUSED'])

function resetCode(error: unknown): string | null {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  const code = typeof cause?.code === 'string' ? cause.code : null
  return code && RESET_CODES.has(code) ? code : null
}

/** Makes this process's global fetch (tRPC clients, blob calls) send again after a reset. */
export function installResilientFetch(): void {
  const plain = globalThis.fetch
  globalThis.fetch = async (input, init) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await plain(input, init)
      } catch (error) {
        if (attempt >= 5 || resetCode(error) === null) throw error
        await new Promise((r) => setTimeout(r, 100 * attempt))
      }
    }
  }
}
