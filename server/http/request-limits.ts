import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  checkJsonText,
  MAX_JSON_DEPTH,
  MAX_QUERY_JSON_CHARS,
  type JsonTextProblem,
} from '../../shared/security/json-limits'
import { MAX_BODY_BYTES } from '../../shared/sync/protocol'
import { sendTrpcError } from './trpc-error'

/**
 * What reaches tRPC is bounded before anything parses it: the body (size, nesting, characters
 * PostgreSQL cannot store) and the JSON fields of the query string (`input` for GET queries and
 * subscriptions, `connectionParams` for SSE). This runs as the standalone adapter's middleware:
 * it reads the body itself and hands tRPC the text as `req.body` (the adapter then uses it
 * instead of the stream), or answers the refusal itself.
 */

/** Methods tRPC answers: GET (queries, subscriptions), POST (mutations), HEAD (204). */
export const TRPC_ALLOWED_METHODS = ['GET', 'HEAD', 'POST'] as const

type Next = (error?: unknown) => void

interface Refusal {
  code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE'
  message: string
}

const fromProblem = (problem: JsonTextProblem, where: string): Refusal => ({
  code: problem.kind === 'too-large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST',
  message: `${where} ${problem.message}`,
})

function isJsonContentType(header: string | undefined): boolean {
  return header?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json'
}

/** Reads the whole body as UTF-8, or stops at `maxBytes` (null then). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        cleanup()
        // The rest is read and dropped (Node does the same for any body left unread), so the
        // client, still sending, receives the 413 instead of a broken connection.
        req.resume()
        resolve(null)
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => {
      cleanup()
      resolve(Buffer.concat(chunks, size).toString('utf8'))
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

/** Checks the query-string JSON fields; the first problem found, or null. */
export function queryRefusal(url: URL): Refusal | null {
  for (const field of ['input', 'connectionParams']) {
    for (const value of url.searchParams.getAll(field)) {
      const problem = checkJsonText(value, {
        maxChars: MAX_QUERY_JSON_CHARS,
        maxDepth: MAX_JSON_DEPTH,
      })
      if (problem) return fromProblem(problem, `the ${field} field`)
    }
  }
  return null
}

const tooLarge: Refusal = {
  code: 'PAYLOAD_TOO_LARGE',
  message: `the request body is too large (at most ${MAX_BODY_BYTES} bytes)`,
}

/** What is wrong with a POST's headers or body, or its text when all is well. */
async function bodyCheck(req: IncomingMessage): Promise<Refusal | { text: string }> {
  const contentType = req.headers['content-type']
  if (!isJsonContentType(contentType)) {
    // tRPC would also take multipart/form-data and octet-stream, which no procedure here reads;
    // refusing them up front keeps one body format to limit.
    return {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: contentType
        ? `send the request as application/json, not ${contentType.slice(0, 100)}`
        : 'send the request as application/json (the Content-Type header is missing)',
    }
  }
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return tooLarge
  const text = await readBody(req, MAX_BODY_BYTES)
  if (text === null) return tooLarge
  const problem = checkJsonText(text, { maxChars: MAX_BODY_BYTES, maxDepth: MAX_JSON_DEPTH })
  return problem ? fromProblem(problem, 'the request body') : { text }
}

/**
 * tRPC's adapter middleware (see the file comment). Refusals are answered here, in tRPC's error
 * shape: passed on to tRPC they would lose to its own eager parsing of connectionParams and of
 * the content type, with less helpful messages.
 */
export function requestLimits(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  next: Next,
): void {
  // A body left unread is drained by Node after the answer; the connection stays usable.
  const refuse = (refusal: Refusal) => sendTrpcError(res, refusal.code, refusal.message)
  const fromQuery = queryRefusal(new URL(req.url ?? '/', 'http://localhost'))
  if (fromQuery) return refuse(fromQuery)
  if (req.method !== 'POST') return void next()
  bodyCheck(req).then(
    (checked) => {
      if ('code' in checked) return refuse(checked)
      req.body = checked.text
      next()
    },
    // The client went away mid-body: nobody is left to answer.
    () => res.destroy(),
  )
}
