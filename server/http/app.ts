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
import { allowedOrigin, answerPreflight, applyCors, isApiPath, isPreflight } from './cors'
import { requestLimits, TRPC_ALLOWED_METHODS } from './request-limits'
import { sendJson, sendText, serveStatic } from './static-files'
import { sendTrpcError } from './trpc-error'
import { createTestClockRoute, TEST_CLOCK_PATH } from './test-clock-route'
import type { ManualClock } from '../jobs/clock'

const log = createLogger('http')

export interface HttpAppOptions {
  services: AppServices
  rendererDir: string
  version: string
  /** Blob uploads and downloads (server/blobs); absent, the routes answer 404. */
  blobs?: BlobService
  /** The test clock's route (REELDESK_TEST_CLOCK=1 only); absent, the path is not served. */
  testClock?: { clock: ManualClock; token: string }
}

/** Routes plain HTTP: health, the tRPC API under /trpc, then the renderer's web build. */
export function createHttpApp(options: HttpAppOptions) {
  const { services } = options
  const headers = rendererSecurityHeaders()
  const trpc = createHTTPHandler({
    router: createAppRouter(createTrpc(services.production)),
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    // No client batches today; a batch of many calls in one request is bounded all the same.
    maxBatchSize: 10,
    middleware: requestLimits,
    createContext: ({ req, info }) => createContext(services, req, info.connectionParams),
  })
  const testClock = options.testClock
    ? createTestClockRoute(options.testClock.clock, options.testClock.token)
    : null
  const blobs = options.blobs
    ? createBlobRoutes(options.blobs, services.database, services.shutdown)
    : null
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const origin = isApiPath(url.pathname, BLOB_ROUTE_PREFIX) ? allowedOrigin(req) : null
      if (origin) {
        // The desktop app (app://reeldesk) calls the API cross-origin; see cors.ts.
        if (isPreflight(req)) return answerPreflight(res, origin)
        applyCors(res, origin)
      }
      if (blobs && url.pathname.startsWith(BLOB_ROUTE_PREFIX)) return await blobs(req, res, url)
      if (testClock && url.pathname === TEST_CLOCK_PATH) return await testClock(req, res)
      if (services.shutdown.aborted) {
        // Draining: finish what is running, take nothing new; clients retry elsewhere or later.
        if (url.pathname.startsWith('/trpc/')) {
          res.setHeader('Connection', 'close')
          res.setHeader('Retry-After', '1')
          return sendTrpcError(res, 'SERVICE_UNAVAILABLE', 'server is shutting down')
        }
        return sendText(res, 503, 'Server is shutting down', {
          Connection: 'close',
          'Retry-After': '1',
        })
      }
      const route = url.pathname.startsWith('/trpc/') ? 'trpc' : 'other'
      const allowed: readonly string[] = route === 'trpc' ? TRPC_ALLOWED_METHODS : ['GET', 'HEAD']
      if (!allowed.includes(req.method ?? '')) {
        // Node's fetch Request, which tRPC's adapter builds, throws on TRACE (a 500 before):
        // answer every method we do not serve here, with the ones we do.
        const allow = [...allowed, 'OPTIONS'].join(', ')
        if (req.method === 'OPTIONS') return sendText(res, 204, '', { Allow: allow })
        return route === 'trpc'
          ? sendTrpcError(
              res,
              'METHOD_NOT_SUPPORTED',
              `the ${(req.method ?? '').slice(0, 20)} method is not supported here`,
              { Allow: allow },
            )
          : sendText(res, 405, 'Method not allowed', { Allow: allow })
      }
      if (url.pathname === '/health') {
        const dbOk = await ping(services.database).catch(() => false)
        return sendJson(res, dbOk ? 200 : 503, {
          ok: dbOk,
          db: services.database.dialect,
          version: options.version,
        })
      }
      if (route === 'trpc') return trpc(req, res)
      await serveStatic(req, res, options.rendererDir, headers)
    } catch (error) {
      // Path only: SSE connectionParams (the session token) travel in the query string.
      log.error('request failed', { path: (req.url ?? '').split('?')[0], error: String(error) })
      if (!res.headersSent) sendText(res, 500, 'Internal error')
      else res.destroy()
    }
  }
}
