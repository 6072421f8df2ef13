import { request } from 'node:http'

export interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  /** The parsed body when it is JSON, else null. */
  json: unknown
}

/**
 * One HTTP request with nothing normalised: any method (fetch refuses TRACE and CONNECT), any
 * headers, a body as given. Resolves with whatever the server answered; rejects only when the
 * connection fails, or when the answer takes longer than `timeoutMs`.
 */
export function rawRequest(
  url: string,
  options: {
    method?: string
    headers?: Record<string, string>
    body?: string | Buffer
    timeoutMs?: number
    /** For answers that may never end (SSE): keep what arrived within this time, then hang up. */
    readForMs?: number
    /**
     * Open a new connection instead of reusing one of Node's kept-alive sockets: one left idle by
     * earlier requests may be closed by the server's keep-alive timeout just as it is reused
     * ("socket hang up"), which a check that the server is still healthy must not mistake for it.
     */
    newConnection?: boolean
  } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      ...(options.newConnection ? { agent: false } : {}),
    })
    // A deadline for the whole answer, not only for silence: an SSE stream sends pings.
    const limit = options.timeoutMs ?? 20_000
    const deadline = setTimeout(
      () => req.destroy(new Error(`no complete answer within ${limit} ms`)),
      limit,
    )
    req.on('close', () => clearTimeout(deadline))
    req.on('error', reject)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      const finish = () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: parseOrNull(text),
        })
      }
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', finish)
      if (options.readForMs !== undefined) {
        setTimeout(() => {
          finish()
          req.destroy()
        }, options.readForMs)
      }
    })
    req.end(options.body)
  })
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
