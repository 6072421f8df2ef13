import { randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { can, canManageMember } from '../../shared/auth/permissions'
import { isRole, type Role } from '../../shared/auth/roles'
import type { WorkspaceDoc } from '../../shared/data/collections/workspaces'
import {
  emptyWorkspaceSettings,
  workspaceSettingsSchema,
  type WorkspaceSettings,
} from '../../shared/data/collections/workspace-settings'
import { uuidv7 } from '../../shared/data/ids'
import { hashSecret, newSecret } from '../auth/tokens'
import type { AppServices } from '../trpc/context'
import { toNumber } from '../db/values'
import { readMasters } from '../sync/documents'
import { withWorkspaceWrite, type WorkspaceWrite } from '../sync/workspace-write'
import { recordAudit } from './audit'
import { countOwners, embeddedMembers, loadMember, type Member } from './members'

export const INVITE_TTL_MS = 7 * 24 * 60 * 60_000

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message })

/**
 * Rewrites the replicated `workspaces` document from the membership table, inside the change's
 * transaction: clients learn about membership by pulling it, and it can never disagree with the
 * table the server authorizes from. The name is the document's (clients may rename).
 */
export async function syncWorkspaceDoc(
  w: WorkspaceWrite,
  workspaceId: string,
  fallbackName?: string,
): Promise<void> {
  const current = (await w.read('workspaces', [workspaceId])).get(workspaceId)
  const name =
    typeof current?.['name'] === 'string'
      ? current['name']
      : (fallbackName ?? (await workspaceName(w, workspaceId)))
  const doc: WorkspaceDoc = {
    id: workspaceId,
    workspaceId,
    name,
    members: await embeddedMembers(w.trx, workspaceId),
    // Settings are the members' own (owners and managers push them): carried over untouched.
    settings: storedSettings(current?.['settings']),
    updatedAt: Math.max(
      Date.now(),
      typeof current?.['updatedAt'] === 'number' ? current['updatedAt'] + 1 : 0,
    ),
    _deleted: false,
  }
  await w.write('workspaces', [doc])
}

/** The stored settings (valid: every push is checked), or the defaults for a new workspace. */
function storedSettings(value: unknown): WorkspaceSettings {
  const parsed = workspaceSettingsSchema.safeParse(value)
  return parsed.success ? parsed.data : emptyWorkspaceSettings()
}

/** Creates a workspace with `userId` as owner, inside an open workspace write. */
export async function createWorkspaceIn(
  w: WorkspaceWrite,
  workspaceId: string,
  input: { name: string; kind: 'personal' | 'agency'; userId: string },
): Promise<void> {
  const now = Date.now()
  await w.trx
    .insertInto('workspaces')
    .values({
      id: workspaceId,
      name: input.name,
      kind: input.kind,
      created_by: input.userId,
      created_at: now,
    })
    .execute()
  await w.trx
    .insertInto('memberships')
    .values({
      workspace_id: workspaceId,
      user_id: input.userId,
      role: 'owner',
      account_ids: '[]',
      created_at: now,
    })
    .execute()
  await recordAudit(w.trx, {
    workspaceId,
    actorUserId: input.userId,
    action: 'workspace.created',
    targetUserId: input.userId,
    details: { kind: input.kind },
  })
  await syncWorkspaceDoc(w, workspaceId, input.name)
}

export async function createAgencyWorkspace(
  services: AppServices,
  userId: string,
  name: string,
): Promise<string> {
  const workspaceId = uuidv7()
  await withWorkspaceWrite(services.database, services.bus, workspaceId, (w) =>
    createWorkspaceIn(w, workspaceId, { name, kind: 'agency', userId }),
  )
  return workspaceId
}

async function workspaceName(w: WorkspaceWrite, workspaceId: string): Promise<string> {
  const row = await w.trx
    .selectFrom('workspaces')
    .select('name')
    .where('id', '=', workspaceId)
    .executeTakeFirst()
  return row?.name ?? 'Workspace'
}

/** Creator accounts must exist in this workspace: an invite cannot grant access elsewhere. */
async function checkAccounts(
  w: WorkspaceWrite,
  workspaceId: string,
  role: Role,
  accountIds: readonly string[],
): Promise<string[]> {
  if (role !== 'creator') {
    if (accountIds.length)
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'only the creator role is scoped to accounts',
      })
    return []
  }
  const found = await readMasters(w.trx, workspaceId, 'accounts', accountIds)
  const missing = accountIds.filter(
    (id) => !found.has(id) || found.get(id)?.data['_deleted'] === true,
  )
  if (missing.length)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `unknown accounts in this workspace: ${missing.join(', ')}`,
    })
  return [...new Set(accountIds)]
}

export async function createInvite(
  services: AppServices,
  actor: Member,
  input: { role: Role; accountIds: string[]; expiresInMs?: number | undefined },
): Promise<{ code: string; inviteId: string; expiresAt: number }> {
  if (!can(actor, 'invite')) throw forbidden('your role cannot invite members')
  if (input.role === 'owner' && actor.role !== 'owner')
    throw forbidden('only an owner can invite an owner')
  const code = newSecret()
  const inviteId = randomUUID()
  const now = Date.now()
  const expiresAt = now + (input.expiresInMs ?? INVITE_TTL_MS)
  await withWorkspaceWrite(services.database, services.bus, actor.workspaceId, async (w) => {
    const accountIds = await checkAccounts(w, actor.workspaceId, input.role, input.accountIds)
    await w.trx
      .insertInto('invites')
      .values({
        id: inviteId,
        workspace_id: actor.workspaceId,
        code_hash: hashSecret(code),
        role: input.role,
        account_ids: JSON.stringify(accountIds),
        created_by: actor.userId,
        created_at: now,
        expires_at: expiresAt,
        used_at: null,
        used_by: null,
      })
      .execute()
    await recordAudit(w.trx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: 'invite.created',
      details: { inviteId, role: input.role, accountIds },
    })
  })
  return { code, inviteId, expiresAt }
}

/** Single use: the invite is marked used by a conditional update in the joining transaction. */
export async function acceptInvite(
  services: AppServices,
  userId: string,
  code: string,
): Promise<{ workspaceId: string; role: Role }> {
  const invalid = () =>
    new TRPCError({
      code: 'BAD_REQUEST',
      message: 'this invite code is invalid, expired or already used',
    })
  const invite = await services.database.db
    .selectFrom('invites')
    .selectAll()
    .where('code_hash', '=', hashSecret(code))
    .executeTakeFirst()
  if (!invite) throw invalid()
  const role = invite.role
  if (!isRole(role)) throw invalid()
  const workspaceId = invite.workspace_id
  await withWorkspaceWrite(services.database, services.bus, workspaceId, async (w) => {
    const now = Date.now()
    const claimed = await w.trx
      .updateTable('invites')
      .set({ used_at: now, used_by: userId })
      .where('id', '=', invite.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) throw invalid()
    if (await loadMember(w.trx, workspaceId, userId)) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: 'you are already a member of this workspace',
      })
    }
    await w.trx
      .insertInto('memberships')
      .values({
        workspace_id: workspaceId,
        user_id: userId,
        role,
        account_ids: invite.account_ids,
        created_at: now,
      })
      .execute()
    await recordAudit(w.trx, {
      workspaceId,
      actorUserId: userId,
      action: 'member.joined',
      targetUserId: userId,
      details: {
        inviteId: invite.id,
        role,
        invitedBy: invite.created_by,
        invitedAt: toNumber(invite.created_at),
      },
    })
    await syncWorkspaceDoc(w, workspaceId)
  })
  services.bus.publish({ type: 'access', workspaceId })
  return { workspaceId, role }
}

export async function changeRole(
  services: AppServices,
  actor: Member,
  input: { userId: string; role: Role; accountIds: string[] },
): Promise<void> {
  const workspaceId = actor.workspaceId
  await withWorkspaceWrite(services.database, services.bus, workspaceId, async (w) => {
    const target = await loadMember(w.trx, workspaceId, input.userId)
    if (!target) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such member' })
    if (!canManageMember(actor, target.role, input.role))
      throw forbidden(`your role cannot make a ${target.role} a ${input.role}`)
    if (
      target.role === 'owner' &&
      input.role !== 'owner' &&
      (await countOwners(w.trx, workspaceId)) <= 1
    ) {
      throw forbidden('a workspace keeps at least one owner')
    }
    const accountIds = await checkAccounts(w, workspaceId, input.role, input.accountIds)
    await w.trx
      .updateTable('memberships')
      .set({ role: input.role, account_ids: JSON.stringify(accountIds) })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', input.userId)
      .execute()
    await recordAudit(w.trx, {
      workspaceId,
      actorUserId: actor.userId,
      action: 'member.role_changed',
      targetUserId: input.userId,
      details: {
        from: target.role,
        to: input.role,
        fromAccountIds: target.accountIds,
        toAccountIds: accountIds,
      },
    })
    await syncWorkspaceDoc(w, workspaceId)
  })
  services.bus.publish({ type: 'access', workspaceId })
}

/** Removes a member, or lets a member leave (`userId` = the actor). */
export async function removeMember(
  services: AppServices,
  actor: Member,
  userId: string,
): Promise<void> {
  const workspaceId = actor.workspaceId
  const leaving = userId === actor.userId
  await withWorkspaceWrite(services.database, services.bus, workspaceId, async (w) => {
    const target = await loadMember(w.trx, workspaceId, userId)
    if (!target) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such member' })
    if (!leaving && !canManageMember(actor, target.role))
      throw forbidden(`your role cannot remove a ${target.role}`)
    if (target.role === 'owner' && (await countOwners(w.trx, workspaceId)) <= 1) {
      throw forbidden(
        leaving
          ? 'you are its only owner: hand the workspace to another member or delete it first'
          : 'a workspace keeps at least one owner',
      )
    }
    await w.trx
      .deleteFrom('memberships')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .execute()
    await recordAudit(w.trx, {
      workspaceId,
      actorUserId: actor.userId,
      action: leaving ? 'member.left' : 'member.removed',
      targetUserId: userId,
      details: { role: target.role },
    })
    await syncWorkspaceDoc(w, workspaceId)
  })
  services.bus.publish({ type: 'access', workspaceId })
}
