import type { IncomingMessage, ServerResponse } from 'node:http'
import { APP_ORIGIN } from '../../shared/app-origin'

/**
 * Cross-origin access for the desktop app. Its window is served from app://reeldesk (see
 * shared/app-origin) and talks to the sync server at http://127.0.0.1:4400 or a team's server:
 * every API call is cross-origin, and with an Authorization header each is preflighted. Only the
 * app's own origin is answered: the web build is served by this server (same origin, no CORS
 * needed), and a page on any other origin gets no CORS headers, so browsers keep its scripts from
 * reading our answers even when they send a stolen token.
 *
 * Credentials (cookies) are never allowed: the API authenticates with a bearer token.
 */
export const CORS_ORIGINS: readonly string[] = [APP_ORIGIN]

/** Request headers the renderer sends: the bearer token, JSON, the sync protocol, byte ranges. */
const ALLOW_HEADERS = 'Authorization, Content-Type, X-Reeldesk-Protocol, Range, Trpc-Accept'
/** Response headers the renderer reads beyond the CORS-safelisted ones. */
const EXPOSE_HEADERS = 'Content-Length, Content-Range, Accept-Ranges, Retry-After'
const ALLOW_METHODS = 'GET, HEAD, POST, PUT, DELETE'
/** Chromium caps a preflight's cache at two hours; ten minutes keeps a policy change prompt. */
const MAX_AGE_S = 600

/** True for the routes a desktop client calls: the tRPC API and the blob store. */
export function isApiPath(pathname: string, blobPrefix: string): boolean {
  return pathname.startsWith('/trpc/') || pathname.startsWith(blobPrefix)
}

/** The request's Origin when it may read our answers, else null. */
export function allowedOrigin(req: IncomingMessage): string | null {
  const origin = req.headers.origin
  return typeof origin === 'string' && CORS_ORIGINS.includes(origin) ? origin : null
}

/** Headers kept on the response whatever the handler writes next (writeHead merges them). */
export function applyCors(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS)
  res.setHeader('Vary', 'Origin')
}

/** Answers a CORS preflight from the app's origin. */
export function answerPreflight(res: ServerResponse, origin: string): void {
  res.writeHead(204, {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': ALLOW_METHODS,
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Max-Age': String(MAX_AGE_S),
    Vary: 'Origin',
    'Content-Length': '0',
  })
  res.end()
}

/** A preflight is an OPTIONS request naming the method it wants to send. */
export function isPreflight(req: IncomingMessage): boolean {
  return (
    req.method === 'OPTIONS' && typeof req.headers['access-control-request-method'] === 'string'
  )
}
