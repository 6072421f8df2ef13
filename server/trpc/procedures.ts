import type { Context } from './context'
import { requireSession, type Trpc } from './init'
import { reasonedError } from './reasoned-error'
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

/**
 * The caller's membership, or FORBIDDEN: no procedure touches a workspace its caller is not in.
 * The refusal's reason tells a client to purge its local copy: the workspace was deleted, or the
 * caller is not (or no longer) a member — the same answer whether or not the workspace exists.
 */
export async function requireMember(ctx: Context, workspaceId: string): Promise<Member> {
  const session = requireSession(ctx)
  const { db } = ctx.services.database
  const member = await loadMember(db, workspaceId, session.userId)
  if (member) return member
  const deleted = await db
    .selectFrom('audit_log')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('action', '=', 'workspace.deleted')
    .where('target_user_id', '=', session.userId)
    .executeTakeFirst()
  if (deleted)
    throw reasonedError('FORBIDDEN', 'WORKSPACE_DELETED', 'this workspace was deleted by its owner')
  throw reasonedError('FORBIDDEN', 'NOT_A_MEMBER', 'you are not a member of this workspace')
}
