import type { IncomingMessage, ServerResponse } from 'node:http'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import { rendererSecurityHeaders } from '../../shared/security/http-headers'
import { createLogger } from '../../shared/logger'
import { MAX_BODY_BYTES } from '../../shared/sync/protocol'
import { BLOB_ROUTE_PREFIX } from '../../shared/blobs/protocol'
import type { BlobService } from '../blobs/blob-service'
import { createBlobRoutes } from '../blobs/routes'
import { ping } from '../db/connect'
import { createContext, type AppServices } from '../trpc/context'
import { createTrpc } from '../trpc/init'
import { createAppRouter } from '../trpc/router'
import { sendJson, sendText, serveStatic } from './static-files'

const log = createLogger('http')

export interface HttpAppOptions {
  services: AppServices
  rendererDir: string
  version: string
  /** Blob uploads and downloads (server/blobs); absent, the routes answer 404. */
  blobs?: BlobService
}

/** Routes plain HTTP: health, the tRPC API under /trpc, then the renderer's web build. */
export function createHttpApp(options: HttpAppOptions) {
  const { services } = options
  const headers = rendererSecurityHeaders()
  const trpc = createHTTPHandler({
    router: createAppRouter(createTrpc(services.production)),
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req, info }) => createContext(services, req, info.connectionParams),
  })
  const blobs = options.blobs
    ? createBlobRoutes(options.blobs, services.database, services.shutdown)
    : null
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      if (blobs && url.pathname.startsWith(BLOB_ROUTE_PREFIX)) return await blobs(req, res, url)
      if (services.shutdown.aborted) {
        // Draining: finish what is running, take nothing new; clients retry elsewhere or later.
        if (url.pathname.startsWith('/trpc/')) {
          res.setHeader('Connection', 'close')
          res.setHeader('Retry-After', '1')
          return sendJson(res, 503, {
            error: {
              message: 'server is shutting down',
              code: -32603,
              data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
            },
          })
        }
        return sendText(res, 503, 'Server is shutting down', {
          Connection: 'close',
          'Retry-After': '1',
        })
      }
      if (url.pathname === '/health') {
        const dbOk = await ping(services.database).catch(() => false)
        return sendJson(res, dbOk ? 200 : 503, {
          ok: dbOk,
          db: services.database.dialect,
          version: options.version,
        })
      }
      if (url.pathname.startsWith('/trpc/')) return trpc(req, res)
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
      }
      await serveStatic(req, res, options.rendererDir, headers)
    } catch (error) {
      // Path only: SSE connectionParams (the session token) travel in the query string.
      log.error('request failed', { path: (req.url ?? '').split('?')[0], error: String(error) })
      if (!res.headersSent) sendText(res, 500, 'Internal error')
      else res.destroy()
    }
  }
}
