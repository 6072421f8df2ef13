import { TRPCError } from '@trpc/server'
import { can } from '../../shared/auth/permissions'
import type { AppServices } from '../trpc/context'
import { withWorkspaceWrite } from '../sync/workspace-write'
import { recordAudit } from './audit'
import { loadMember, type Member } from './members'
import { syncWorkspaceDoc } from './membership'

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message })

/**
 * Hands the workspace to another member: they become an owner, the actor becomes a manager (so
 * the workspace keeps exactly the owners it had). Owner only (`transferOwnership`).
 */
export async function transferOwnership(
  services: AppServices,
  actor: Member,
  toUserId: string,
): Promise<void> {
  if (!can(actor, 'transferOwnership'))
    throw forbidden('only an owner can hand the workspace to someone else')
  if (toUserId === actor.userId)
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'you already own this workspace' })
  const { workspaceId } = actor
  await withWorkspaceWrite(services.database, services.bus, workspaceId, async (w) => {
    const target = await loadMember(w.trx, workspaceId, toUserId)
    if (!target) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such member' })
    const setRole = (userId: string, role: 'owner' | 'manager') =>
      w.trx
        .updateTable('memberships')
        .set({ role, account_ids: '[]' })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute()
    await setRole(toUserId, 'owner')
    await setRole(actor.userId, 'manager')
    await recordAudit(w.trx, {
      workspaceId,
      actorUserId: actor.userId,
      action: 'workspace.ownership_transferred',
      targetUserId: toUserId,
      details: { previousRole: target.role },
    })
    await syncWorkspaceDoc(w, workspaceId)
  })
  services.bus.publish({ type: 'access', workspaceId })
}

/**
 * Deletes a workspace for everyone: owner only (`deleteWorkspace`), confirmed by typing its
 * name, never a personal workspace (every user keeps one). Its documents, memberships and open
 * invites go in one transaction; the row stays, and each former member gets an audit entry so that
 * their devices, on their next contact, are told "deleted" and purge their local copy.
 */
export async function deleteWorkspace(
  services: AppServices,
  actor: Member,
  confirmName: string,
): Promise<void> {
  if (!can(actor, 'deleteWorkspace')) throw forbidden('only an owner can delete a workspace')
  const { workspaceId } = actor
  await withWorkspaceWrite(services.database, services.bus, workspaceId, async (w) => {
    const row = await w.trx
      .selectFrom('workspaces')
      .select(['name', 'kind'])
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    if (row.kind === 'personal')
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'your personal workspace cannot be deleted',
      })
    const current = (await w.read('workspaces', [workspaceId])).get(workspaceId)
    const name = typeof current?.['name'] === 'string' ? current['name'] : row.name
    if (confirmName.trim() !== name.trim())
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: `type the workspace's name, "${name}", to confirm`,
      })
    const members = await w.trx
      .selectFrom('memberships')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .execute()
    const now = Date.now()
    await w.trx.deleteFrom('documents').where('workspace_id', '=', workspaceId).execute()
    await w.trx.deleteFrom('invites').where('workspace_id', '=', workspaceId).execute()
    await w.trx.deleteFrom('memberships').where('workspace_id', '=', workspaceId).execute()
    await w.trx
      .updateTable('workspaces')
      .set({ deleted_at: now })
      .where('id', '=', workspaceId)
      .execute()
    for (const m of members) {
      await recordAudit(w.trx, {
        workspaceId,
        actorUserId: actor.userId,
        action: 'workspace.deleted',
        targetUserId: m.user_id,
        details: { name },
      })
    }
  })
  services.bus.publish({ type: 'access', workspaceId })
}
