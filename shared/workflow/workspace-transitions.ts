import { can, type MemberLike } from '../auth/permissions'
import type { WorkspaceDoc } from '../data/collections/workspaces'
import { jsonEqual } from '../data/merge'
import { allow, refuse, type Actor, type Transition } from './transition'

/** Earnings rates, eligibility answers, approval policies and reports are the workspace's own. */
export function mayChangeSettings(member: MemberLike): boolean {
  return member.role === 'owner' || member.role === 'manager'
}

/** Why `member` cannot change the workspace's settings, in words, or null when they can. */
export function settingsReadOnlyReason(member: MemberLike | null): string | null {
  if (member === null) return 'You are not a member of this workspace.'
  if (mayChangeSettings(member)) return null
  return `Only an owner or manager can change these settings (your role: ${member.role}).`
}

/**
 * A workspace is deleted (or restored) only through its settings, where the owner confirms by
 * typing its name and the server purges it everywhere; a pushed tombstone would skip both.
 * Settings change only by owners and managers; a policy's approvers are members who may
 * approve (someone who cannot approve would hold the account's posts forever).
 */
export function checkWorkspaceTransition(
  actor: Actor,
  before: WorkspaceDoc | undefined,
  after: WorkspaceDoc,
): Transition<WorkspaceDoc> {
  if (before !== undefined && before._deleted !== after._deleted) {
    return refuse('a workspace is deleted from its settings by its owner, not by an edit')
  }
  if (before === undefined || jsonEqual(before.settings, after.settings)) return allow(after)
  if (!mayChangeSettings(actor))
    return refuse(
      `only an owner or manager can change the workspace's settings (your role: ${actor.role})`,
    )
  const approvers = new Set(after.members.filter((m) => can(m, 'approvePost')).map((m) => m.userId))
  const previous = new Map(before.settings.approvals.map((a) => [a.accountId, a.policy]))
  for (const { accountId, policy } of after.settings.approvals) {
    const was = previous.get(accountId)
    const added = policy.approverIds.filter((id) => !was?.approverIds.includes(id))
    const stranger = added.find((id) => !approvers.has(id))
    if (stranger !== undefined)
      return refuse(
        `${nameOf(after, stranger)} cannot approve posts: choose owners or managers as approvers`,
      )
  }
  return allow(after)
}

function nameOf(doc: WorkspaceDoc, userId: string): string {
  return doc.members.find((m) => m.userId === userId)?.displayName ?? 'someone who is not a member'
}
