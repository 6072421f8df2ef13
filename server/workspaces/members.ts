import type { Kysely } from 'kysely'
import type { MemberLike } from '../../shared/auth/permissions'
import { isRole, type Role } from '../../shared/auth/roles'
import type { WorkspaceMember } from '../../shared/data/collections/workspaces'
import type { DB } from '../db/schema'
import { parseStringArray, toNumber } from '../db/values'

export interface Member extends MemberLike {
  userId: string
  workspaceId: string
  role: Role
  accountIds: string[]
  /** The user's current display name: recorded as the author of what they write. */
  displayName: string
}

/** A display name as documents hold it (at most 120 code points). */
function displayNameOf(name: string): string {
  return [...name].slice(0, 120).join('')
}

/** The caller's membership of a workspace, or null: the basis of every authorization check. */
export async function loadMember(
  db: Kysely<DB>,
  workspaceId: string,
  userId: string,
): Promise<Member | null> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.role', 'memberships.account_ids', 'users.display_name'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst()
  if (!row || !isRole(row.role)) return null
  return {
    userId,
    workspaceId,
    role: row.role,
    accountIds: parseStringArray(row.account_ids),
    displayName: displayNameOf(row.display_name),
  }
}

/** Members as the replicated `workspaces` document embeds them, in join order. */
export async function embeddedMembers(
  db: Kysely<DB>,
  workspaceId: string,
): Promise<WorkspaceMember[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.user_id',
      'memberships.role',
      'memberships.account_ids',
      'memberships.created_at',
      'users.display_name',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('memberships.created_at')
    .orderBy('memberships.user_id')
    .execute()
  return rows.flatMap((r) =>
    isRole(r.role)
      ? [
          {
            userId: r.user_id,
            role: r.role,
            accountIds: parseStringArray(r.account_ids),
            displayName: displayNameOf(r.display_name),
            joinedAt: toNumber(r.created_at),
          },
        ]
      : [],
  )
}

export async function countOwners(db: Kysely<DB>, workspaceId: string): Promise<number> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .execute()
  return rows.length
}
