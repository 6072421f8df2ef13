import type { WorkspaceDoc } from '../data/collections/workspaces'
import type { TransitionContext } from '../workflow/transition'
import { effectivePolicy, NO_APPROVAL, type ApprovalPolicy } from './approval-policy'

/**
 * The approval policy of an account as the workspace's settings say, applied to today's members
 * (approvers who left or lost the right drop out: effectivePolicy); an account without one needs
 * no approval. The server's push path and the composer both read it from here.
 */
export function approvalPolicyFor(
  workspace: Pick<WorkspaceDoc, 'settings' | 'members'> | null,
  accountId: string,
): ApprovalPolicy {
  const entry = workspace?.settings.approvals.find((a) => a.accountId === accountId)
  return entry ? effectivePolicy(entry.policy, workspace?.members ?? []) : NO_APPROVAL
}

/**
 * What applies when the workspace's settings exist but cannot be read: approval by any owner or
 * manager. Failing closed: an unreadable setting must not let posts skip the approval it held.
 */
export const UNREADABLE_SETTINGS_POLICY: ApprovalPolicy = { mode: 'one', approverIds: [] }

/**
 * The workflow rules' view of a workspace's approval settings and member names. `'unreadable'`:
 * the workspace document is stored but invalid (see UNREADABLE_SETTINGS_POLICY).
 */
export function approvalContextOf(
  workspace: Pick<WorkspaceDoc, 'settings' | 'members'> | null | 'unreadable',
): TransitionContext {
  if (workspace === 'unreadable')
    return {
      approvalPolicyOf: () => UNREADABLE_SETTINGS_POLICY,
      memberName: () => 'an owner or manager',
    }
  const names = new Map((workspace?.members ?? []).map((m) => [m.userId, m.displayName]))
  return {
    approvalPolicyOf: (accountId) => approvalPolicyFor(workspace, accountId),
    memberName: (userId) => names.get(userId) ?? 'a former member',
  }
}
