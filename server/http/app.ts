import type { IncomingMessage, ServerResponse } from 'node:http'
import { rendererSecurityHeaders } from '../../shared/security/http-headers'
import { createLogger } from '../../shared/logger'
import { ping, type Database } from '../db/connect'
import { sendJson, sendText, serveStatic } from './static-files'

const log = createLogger('http')

export interface HttpAppOptions {
  database: Database
  rendererDir: string
  version: string
}

/** Routes plain HTTP: health, then the renderer's web build (GET/HEAD only). */
export function createHttpApp(options: HttpAppOptions) {
  const headers = rendererSecurityHeaders()
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost')
      if (url.pathname === '/health') {
        const dbOk = await ping(options.database).catch(() => false)
        return sendJson(res, dbOk ? 200 : 503, {
          ok: dbOk,
          db: options.database.dialect,
          version: options.version,
        })
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' })
      }
      await serveStatic(req, res, options.rendererDir, headers)
    } catch (error) {
      log.error('request failed', { url: req.url, error: String(error) })
      if (!res.headersSent) sendText(res, 500, 'Internal error')
      else res.destroy()
    }
  }
}
