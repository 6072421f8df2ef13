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

/** The workflow rules' view of a workspace's approval settings and member names. */
export function approvalContextOf(
  workspace: Pick<WorkspaceDoc, 'settings' | 'members'> | null,
): TransitionContext {
  const names = new Map((workspace?.members ?? []).map((m) => [m.userId, m.displayName]))
  return {
    approvalPolicyOf: (accountId) => approvalPolicyFor(workspace, accountId),
    memberName: (userId) => names.get(userId) ?? 'a former member',
  }
}
