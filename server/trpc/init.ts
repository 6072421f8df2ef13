import { initTRPC, TRPCError } from '@trpc/server'
import { createLogger } from '../../shared/logger'
import type { Context } from './context'
import { reasonOf } from './reasoned-error'

const log = createLogger('trpc')

/**
 * isDev follows the server's NODE_ENV: tRPC only adds stack traces to error shapes in dev, so
 * production responses carry the message and code, never the stack.
 */
export function createTrpc(production: boolean) {
  return initTRPC.context<Context>().create({
    isDev: !production,
    sse: {
      // Pings keep proxies from closing an idle stream; the client reconnects after silence.
      ping: { enabled: true, intervalMs: 10_000 },
      client: { reconnectAfterInactivityMs: 25_000 },
    },
    errorFormatter({ shape, error }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        log.error('procedure failed', { message: error.message, cause: String(error.cause ?? '') })
        // Internal details (SQL, paths) stay in the log.
        if (production) return { ...shape, message: 'Internal server error' }
      }
      const reason = reasonOf(error)
      return reason ? { ...shape, data: { ...shape.data, reason } } : shape
    },
  })
}

export type Trpc = ReturnType<typeof createTrpc>

export function requireSession(ctx: Context) {
  if (!ctx.session)
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message: 'sign in first (missing, expired or revoked session)',
    })
  return ctx.session
}
