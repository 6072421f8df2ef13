import type { IncomingMessage, ServerResponse } from 'node:http'
import type { z } from 'zod'
import {
  BLOB_ROUTE_PREFIX,
  MAX_CHUNK_BYTES,
  startUploadSchema,
  storageSettingsSchema,
  type BlobErrorBody,
} from '../../shared/blobs/protocol'
import { createLogger } from '../../shared/logger'
import { authenticate } from '../auth/sessions'
import type { Database } from '../db/connect'
import { bearerToken } from '../trpc/context'
import { loadMember, type Member } from '../workspaces/members'
import { BlobError } from './blob-error'
import type { BlobService } from './blob-service'
import { parseRange } from '../../shared/http-range'

const log = createLogger('blob-routes')

/** JSON bodies here are a few fields; anything bigger is not one of ours. */
const MAX_JSON_BYTES = 16 * 1024
const ID = /^[A-Za-z0-9_-]{1,100}$/
const HASH = /^[0-9a-f]{64}$/

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  })
  res.end(text)
}

/**
 * Reads and drops what is left of a refused request's body (a chunk is at most MAX_CHUNK_BYTES),
 * so the client reads the refusal instead of a reset connection: closing while it is still
 * sending makes its write fail (EPIPE) and the answer is lost.
 */
async function drainBody(req: IncomingMessage): Promise<boolean> {
  if (req.readableEnded) return true
  let size = 0
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length
      if (size > MAX_CHUNK_BYTES + MAX_JSON_BYTES) return false
    }
    return true
  } catch {
    return false
  }
}

function sendError(res: ServerResponse, error: BlobError, drained = true): void {
  const body: BlobErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.received === undefined ? {} : { received: error.received }),
    },
  }
  if (res.headersSent) {
    res.destroy()
    return
  }
  // A body that could not be read to its end leaves the connection unusable: close it.
  if (!drained) res.setHeader('Connection', 'close')
  sendJson(res, error.status, body)
}

async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_JSON_BYTES) throw new BlobError('BAD_REQUEST', 'The request body is too large.')
    chunks.push(chunk as Buffer)
  }
  let value: unknown
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new BlobError('BAD_REQUEST', 'The request body is not JSON.')
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    throw new BlobError('BAD_REQUEST', problems.join('; '))
  }
  return parsed.data
}

function offsetOf(url: URL): number {
  const raw = url.searchParams.get('offset')
  const offset = raw !== null && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN
  if (!Number.isSafeInteger(offset)) {
    throw new BlobError('BAD_REQUEST', 'offset must be the byte the chunk starts at.')
  }
  return offset
}

/**
 * The blob routes (see shared/blobs/protocol.ts): plain HTTP beside tRPC, because chunks are
 * bytes. Every request is authenticated with the session's bearer token and authorized against
 * the caller's membership of the workspace in the path, on every read and every write.
 */
export function createBlobRoutes(service: BlobService, database: Database, shutdown: AbortSignal) {
  const memberFor = async (req: IncomingMessage, workspaceId: string): Promise<Member> => {
    const token = bearerToken(req, null)
    const session = token ? await authenticate(database.db, token) : null
    if (!session)
      throw new BlobError('UNAUTHORIZED', 'Sign in first (missing, expired or revoked session).')
    const member = await loadMember(database.db, workspaceId, session.userId)
    if (!member) throw new BlobError('FORBIDDEN', 'You are not a member of this workspace.')
    return member
  }

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (shutdown.aborted)
      throw new BlobError('SHUTTING_DOWN', 'The server is shutting down: try again shortly.')
    const parts = url.pathname.slice(BLOB_ROUTE_PREFIX.length).split('/').map(decodeURIComponent)
    const [workspaceId = '', kind = '', id = '', action = ''] = parts
    if (!ID.test(workspaceId) || parts.length > 4)
      throw new BlobError('NOT_FOUND', 'No such route.')
    const method = req.method ?? 'GET'
    const member = await memberFor(req, workspaceId)

    if (kind === 'usage' && parts.length === 2 && method === 'GET') {
      return sendJson(res, 200, await service.usage(member))
    }
    if (kind === 'settings' && parts.length === 2 && method === 'PUT') {
      const settings = await readJson(req, storageSettingsSchema)
      return sendJson(res, 200, await service.setSettings(member, settings))
    }
    if (kind === 'uploads' && parts.length === 2 && method === 'POST') {
      const input = await readJson(req, startUploadSchema)
      const started = await service.startUpload(member, input)
      return sendJson(res, started.status === 'stored' ? 200 : 201, started)
    }
    if (kind === 'uploads' && ID.test(id)) {
      if (parts.length === 3 && method === 'GET') {
        return sendJson(res, 200, await service.uploadState(member, id))
      }
      if (parts.length === 3 && method === 'PUT') {
        return sendJson(res, 200, await service.appendChunk(member, id, offsetOf(url), req))
      }
      if (parts.length === 3 && method === 'DELETE') {
        await service.cancel(member, id)
        res.writeHead(204, { 'Cache-Control': 'no-store' })
        return void res.end()
      }
      if (parts.length === 4 && action === 'complete' && method === 'POST') {
        return sendJson(res, 200, await service.complete(member, id))
      }
    }
    if (
      kind === 'objects' &&
      parts.length === 3 &&
      HASH.test(id) &&
      (method === 'GET' || method === 'HEAD')
    ) {
      const { size } = await service.openObject(member, id)
      const answer = parseRange(req.headers.range ?? null, size)
      if (answer.kind === 'unsatisfiable') {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` })
        return void res.end()
      }
      const headers = {
        'Content-Type': 'application/octet-stream',
        'Accept-Ranges': 'bytes',
        // Content-addressed: the bytes behind this URL never change.
        'Cache-Control': 'private, max-age=31536000, immutable',
        ETag: `"${id}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Resource-Policy': 'same-site',
      }
      const range = answer.kind === 'partial' ? answer : null
      if (range) {
        res.writeHead(206, {
          ...headers,
          'Content-Length': range.end - range.start + 1,
          'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
        })
      } else {
        res.writeHead(200, { ...headers, 'Content-Length': size })
      }
      if (method === 'HEAD' || size === 0) return void res.end()
      const stream = service.store.readObject(
        id,
        range ? { start: range.start, end: range.end } : undefined,
      )
      stream.on('error', (error) => {
        log.error('reading a blob failed', { error: String(error) })
        res.destroy()
      })
      res.on('close', () => stream.destroy())
      stream.pipe(res)
      return
    }
    throw new BlobError('NOT_FOUND', 'No such route.')
  }

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    try {
      await route(req, res, url)
    } catch (error) {
      if (error instanceof BlobError) return sendError(res, error, await drainBody(req))
      log.error('blob request failed', { path: url.pathname, error: String(error) })
      sendError(res, new BlobError('INTERNAL', 'The server could not handle this request.'))
    }
  }
}
