import { initTRPC, TRPCError } from '@trpc/server'
import { ZodError } from 'zod'
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
      // An input that fails its schema: say which fields and why in one line, not zod's JSON.
      if (error.code === 'BAD_REQUEST' && error.cause instanceof ZodError) {
        return { ...shape, message: describeInputIssues(error.cause) }
      }
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

/** "email: Invalid email address; rows: Too small: expected array to have >=1 items". */
export function describeInputIssues(error: ZodError): string {
  const shown = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.map(String).join('.') || 'input'
    return `${where.slice(0, 80)}: ${issue.message.slice(0, 200)}`
  })
  const more = error.issues.length - shown.length
  return `invalid input: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`
}
