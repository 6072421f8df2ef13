import { TRPCError } from '@trpc/server'
import type { Context } from './context'
import { requireSession, type Trpc } from './init'
import { loadMember, type Member } from '../workspaces/members'

/** Public procedures, and ones that need a live session (ctx.session non-null afterwards). */
export function createProcedures(t: Trpc) {
  const publicProcedure = t.procedure
  const authedProcedure = t.procedure.use(({ ctx, next }) =>
    next({ ctx: { ...ctx, session: requireSession(ctx) } }),
  )
  return { router: t.router, publicProcedure, authedProcedure }
}

export type Procedures = ReturnType<typeof createProcedures>

/** The caller's membership, or FORBIDDEN: no procedure touches a workspace its caller is not in. */
export async function requireMember(ctx: Context, workspaceId: string): Promise<Member> {
  const session = requireSession(ctx)
  const member = await loadMember(ctx.services.database.db, workspaceId, session.userId)
  if (!member)
    throw new TRPCError({ code: 'FORBIDDEN', message: 'you are not a member of this workspace' })
  return member
}
