import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { toNumber } from '../db/values'

export type AuditAction =
  | 'workspace.created'
  | 'invite.created'
  | 'member.joined'
  | 'member.role_changed'
  | 'member.removed'
  | 'member.left'
  | 'workspace.ownership_transferred'
  | 'workspace.deleted'
  | 'storage.settings_changed'

export interface AuditEntry {
  id: number
  workspaceId: string
  actorUserId: string | null
  action: string
  targetUserId: string | null
  details: Record<string, unknown>
  createdAt: number
}

/** Written in the same transaction as the change it records, so the log cannot miss one. */
export async function recordAudit(
  trx: Kysely<DB>,
  entry: {
    workspaceId: string
    actorUserId: string | null
    action: AuditAction
    targetUserId?: string | null
    details?: Record<string, unknown>
  },
  now = Date.now(),
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspaceId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      target_user_id: entry.targetUserId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      created_at: now,
    })
    .execute()
}

/** Newest first; `beforeId` pages further back. */
export async function listAudit(
  db: Kysely<DB>,
  workspaceId: string,
  limit: number,
  beforeId?: number,
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId)
  if (beforeId !== undefined) query = query.where('id', '<', beforeId)
  const rows = await query.orderBy('id', 'desc').limit(limit).execute()
  return rows.map((r) => {
    const details: unknown = JSON.parse(r.details)
    return {
      id: toNumber(r.id),
      workspaceId: r.workspace_id,
      actorUserId: r.actor_user_id,
      action: r.action,
      targetUserId: r.target_user_id,
      details:
        typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {},
      createdAt: toNumber(r.created_at),
    }
  })
}
