import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { can } from '../../shared/auth/permissions'
import { ROLES } from '../../shared/auth/roles'
import { docId } from '../../shared/data/fields'
import { workspaceIdSchema } from '../../shared/sync/protocol'
import { listAudit } from '../workspaces/audit'
import { deleteWorkspace, transferOwnership } from '../workspaces/lifecycle'
import {
  acceptInvite,
  changeRole,
  createAgencyWorkspace,
  createInvite,
  removeMember,
} from '../workspaces/membership'
import { requireMember, type Procedures } from './procedures'

const role = z.enum(ROLES)
const userId = z.string().min(1).max(64)
const accountIds = z.array(docId).max(500).default([])

export function createWorkspacesRouter({ router, authedProcedure }: Procedures) {
  return router({
    list: authedProcedure.query(async ({ ctx }) => {
      const rows = await ctx.services.database.db
        .selectFrom('memberships')
        .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
        .select([
          'workspaces.id',
          'workspaces.name',
          'workspaces.kind',
          'memberships.role',
          'memberships.account_ids',
        ])
        .where('memberships.user_id', '=', ctx.session.userId)
        .orderBy('workspaces.created_at')
        .execute()
      return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, role: r.role }))
    }),

    create: authedProcedure
      .input(z.strictObject({ name: z.string().trim().min(1).max(120) }))
      .mutation(async ({ ctx, input }) => ({
        workspaceId: await createAgencyWorkspace(ctx.services, ctx.session.userId, input.name),
      })),

    createInvite: authedProcedure
      .input(
        z.strictObject({
          workspaceId: workspaceIdSchema,
          role,
          accountIds,
          expiresInHours: z
            .number()
            .int()
            .min(1)
            .max(24 * 30)
            .optional(),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const actor = await requireMember(ctx, input.workspaceId)
        const expiresInMs =
          input.expiresInHours === undefined ? undefined : input.expiresInHours * 3_600_000
        return createInvite(ctx.services, actor, {
          role: input.role,
          accountIds: input.accountIds,
          expiresInMs,
        })
      }),

    acceptInvite: authedProcedure
      .input(z.strictObject({ code: z.string().min(1).max(200) }))
      .mutation(({ ctx, input }) => acceptInvite(ctx.services, ctx.session.userId, input.code)),

    changeRole: authedProcedure
      .input(z.strictObject({ workspaceId: workspaceIdSchema, userId, role, accountIds }))
      .mutation(async ({ ctx, input }) => {
        const actor = await requireMember(ctx, input.workspaceId)
        await changeRole(ctx.services, actor, input)
        return { ok: true as const }
      }),

    removeMember: authedProcedure
      .input(z.strictObject({ workspaceId: workspaceIdSchema, userId }))
      .mutation(async ({ ctx, input }) => {
        const actor = await requireMember(ctx, input.workspaceId)
        await removeMember(ctx.services, actor, input.userId)
        return { ok: true as const }
      }),

    /** Leave a workspace (the last owner cannot: transfer ownership or delete it first). */
    leave: authedProcedure
      .input(z.strictObject({ workspaceId: workspaceIdSchema }))
      .mutation(async ({ ctx, input }) => {
        const actor = await requireMember(ctx, input.workspaceId)
        await removeMember(ctx.services, actor, actor.userId)
        return { ok: true as const }
      }),

    transferOwnership: authedProcedure
      .input(z.strictObject({ workspaceId: workspaceIdSchema, userId }))
      .mutation(async ({ ctx, input }) => {
        const actor = await requireMember(ctx, input.workspaceId)
        await transferOwnership(ctx.services, actor, input.userId)
        return { ok: true as const }
      }),

    /** Owner only, confirmed by typing the workspace's name. */
    delete: authedProcedure
      .input(
        z.strictObject({
          workspaceId: workspaceIdSchema,
          confirmName: z.string().min(1).max(200),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const actor = await requireMember(ctx, input.workspaceId)
        await deleteWorkspace(ctx.services, actor, input.confirmName)
        return { ok: true as const }
      }),

    auditLog: authedProcedure
      .input(
        z.strictObject({
          workspaceId: workspaceIdSchema,
          limit: z.number().int().min(1).max(500).default(100),
          beforeId: z.number().int().min(1).optional(),
        }),
      )
      .query(async ({ ctx, input }) => {
        const member = await requireMember(ctx, input.workspaceId)
        if (!can(member, 'viewAudit'))
          throw new TRPCError({ code: 'FORBIDDEN', message: 'your role cannot view the audit log' })
        return listAudit(ctx.services.database.db, input.workspaceId, input.limit, input.beforeId)
      }),
  })
}
