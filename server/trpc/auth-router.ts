import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { signIn, signUp } from '../auth/accounts'
import { listSessions, revokeSession } from '../auth/sessions'
import type { Procedures } from './procedures'

const email = z.email().max(254)
// Long passphrases welcome; the upper bound only stops hashing megabytes.
const password = z.string().min(10, 'use at least 10 characters').max(256)

export function createAuthRouter({ router, publicProcedure, authedProcedure }: Procedures) {
  return router({
    signUp: publicProcedure
      .input(z.strictObject({ email, password, displayName: z.string().trim().min(1).max(120) }))
      .mutation(async ({ ctx, input }) => {
        const result = await signUp(ctx.services, input, { ip: ctx.ip, userAgent: ctx.userAgent })
        return {
          token: result.token,
          expiresAt: result.session.expiresAt,
          user: result.user,
          personalWorkspaceId: result.personalWorkspaceId,
        }
      }),

    signIn: publicProcedure
      .input(z.strictObject({ email, password: z.string().min(1).max(256) }))
      .mutation(async ({ ctx, input }) => {
        const result = await signIn(ctx.services, input, { ip: ctx.ip, userAgent: ctx.userAgent })
        return { token: result.token, expiresAt: result.session.expiresAt, user: result.user }
      }),

    signOut: authedProcedure.mutation(async ({ ctx }) => {
      await revokeSession(ctx.services.database.db, ctx.session.userId, ctx.session.sessionId)
      ctx.services.bus.publish({ type: 'access', workspaceId: null })
      return { ok: true as const }
    }),

    me: authedProcedure.query(async ({ ctx }) => {
      const user = await ctx.services.database.db
        .selectFrom('users')
        .select(['id', 'email', 'display_name'])
        .where('id', '=', ctx.session.userId)
        .executeTakeFirstOrThrow()
      return {
        user: { id: user.id, email: user.email, displayName: user.display_name },
        sessionId: ctx.session.sessionId,
        expiresAt: ctx.session.expiresAt,
      }
    }),

    sessions: authedProcedure.query(({ ctx }) =>
      listSessions(ctx.services.database.db, ctx.session.userId, ctx.session.sessionId),
    ),

    revokeSession: authedProcedure
      .input(z.strictObject({ sessionId: z.string().min(1).max(100) }))
      .mutation(async ({ ctx, input }) => {
        const revoked = await revokeSession(
          ctx.services.database.db,
          ctx.session.userId,
          input.sessionId,
        )
        if (!revoked) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such active session' })
        // Streams served by that session re-check and end now rather than at their next timer.
        ctx.services.bus.publish({ type: 'access', workspaceId: null })
        return { ok: true as const }
      }),
  })
}
