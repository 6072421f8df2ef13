import type { IncomingMessage } from 'node:http'
import type { Database } from '../db/connect'
import { clientAddress, type TrustedProxies } from '../auth/client-address'
import type { SignInLimiter } from '../auth/rate-limit'
import { authenticate, type SessionInfo } from '../auth/sessions'
import type { ChangeBus } from '../sync/change-bus'
import { declaredProtocol, PROTOCOL_HEADER } from './protocol-version'
import type { PlatformServices } from '../platforms/services'

/** Long-lived pieces every procedure may use; built once at start. */
export interface AppServices {
  database: Database
  bus: ChangeBus
  limiter: SignInLimiter
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); absent or null: none. */
  trustProxy?: TrustedProxies | null
  production: boolean
  /** How often an open stream re-checks its session and membership (revocation on other instances). */
  streamRecheckMs: number
  /** Aborted at shutdown: open streams end so the HTTP server can close. */
  shutdown: AbortSignal
  /** Platform connectors, linked-account tokens and the durable job runner. */
  platform: PlatformServices
  /** Origins the web app is served from (web sign-in redirects return there). */
  publicOrigins: readonly string[]
}

export interface Context {
  services: AppServices
  session: SessionInfo | null
  ip: string | null
  userAgent: string | null
  /** The sync protocol generation the client declared, or null (trpc/protocol-version.ts). */
  protocol: number | null
}

/** HTTP calls send `Authorization: Bearer`; the SSE stream cannot set headers and uses connectionParams. */
export function bearerToken(
  req: IncomingMessage,
  connectionParams: Record<string, string | undefined> | null,
): string | null {
  const header = req.headers.authorization
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (match?.[1]) return match[1]
  }
  const fromParams = connectionParams?.['token']
  return typeof fromParams === 'string' && fromParams.length > 0 ? fromParams : null
}

export async function createContext(
  services: AppServices,
  req: IncomingMessage,
  connectionParams: Record<string, string | undefined> | null,
): Promise<Context> {
  const token = bearerToken(req, connectionParams)
  const session = token ? await authenticate(services.database.db, token) : null
  const userAgent = req.headers['user-agent']
  return {
    services,
    session,
    ip: clientAddress(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for'],
      services.trustProxy ?? null,
    ),
    userAgent: typeof userAgent === 'string' ? userAgent : null,
    protocol: declaredProtocol(req.headers[PROTOCOL_HEADER], connectionParams),
  }
}
