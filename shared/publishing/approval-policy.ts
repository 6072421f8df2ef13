import { z } from 'zod'
import { can, type MemberLike } from '../auth/permissions'
import type { PostApproval } from '../data/collections/posts'
import { userId } from '../data/fields'

/**
 * How an account's posts are approved before they go out (a workspace setting, per account):
 * - `none`: no approval; whoever may write the post releases it;
 * - `one`: one approval — by any owner or manager, or by one of `approverIds` when listed;
 * - `all`: every listed approver approves (each adds their approval; the last one makes it
 *   approved).
 * Approving needs the `approvePost` permission whatever the list says (owners and managers).
 */
export const APPROVAL_MODES = ['none', 'one', 'all'] as const
export type ApprovalMode = (typeof APPROVAL_MODES)[number]
export const MAX_APPROVERS = 20

export const approvalPolicySchema = z
  .strictObject({
    mode: z.enum(APPROVAL_MODES),
    approverIds: z.array(userId).max(MAX_APPROVERS),
  })
  .refine((p) => p.mode !== 'all' || p.approverIds.length > 0, {
    message: 'list at least one approver for "all listed approvers"',
    path: ['approverIds'],
  })
  .refine((p) => new Set(p.approverIds).size === p.approverIds.length, {
    message: 'an approver is listed twice',
    path: ['approverIds'],
  })

export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>

/** The default until someone sets one: a solo creator needs no approval step. */
export const NO_APPROVAL: ApprovalPolicy = { mode: 'none', approverIds: [] }

export const APPROVAL_MODE_LABELS: Record<ApprovalMode, string> = {
  none: 'No approval',
  one: 'One approver',
  all: 'All listed approvers',
}

/**
 * The policy as it can be applied today: listed approvers who left the workspace or lost the
 * right to approve drop out; an "all" list left empty falls back to any one owner or manager, so
 * a departure never strands posts that can no longer be approved.
 */
export function effectivePolicy(
  policy: ApprovalPolicy,
  members: readonly (MemberLike & { userId: string })[],
): ApprovalPolicy {
  const approvers = new Set(members.filter((m) => can(m, 'approvePost')).map((m) => m.userId))
  const approverIds = policy.approverIds.filter((id) => approvers.has(id))
  if (policy.mode === 'all' && approverIds.length === 0) return { mode: 'one', approverIds: [] }
  return { mode: policy.mode, approverIds }
}

/** Whether `actor` may approve (or send back) posts of an account under `policy`. */
export function mayApprove(policy: ApprovalPolicy, actor: MemberLike & { userId: string }) {
  if (!can(actor, 'approvePost')) return false
  return policy.approverIds.length === 0 || policy.approverIds.includes(actor.userId)
}

/** Listed approvers who have not approved yet ("all" mode), in the list's order. */
export function missingApprovers(policy: ApprovalPolicy, approval: PostApproval): string[] {
  if (policy.mode !== 'all') return []
  const given = new Set(approval.approvals.map((a) => a.userId))
  return policy.approverIds.filter((id) => !given.has(id))
}

/** Whether the post may go out as far as approval goes. */
export function approvalSatisfied(policy: ApprovalPolicy, approval: PostApproval): boolean {
  if (policy.mode === 'none') return true
  if (approval.state !== 'approved') return false
  return missingApprovers(policy, approval).length === 0
}

/** What the post waits for, in words ("Waiting for approval by 2 of 3 approvers"), or null. */
export function approvalWaitReason(
  policy: ApprovalPolicy,
  approval: PostApproval,
  nameOf: (userId: string) => string = (id) => id,
): string | null {
  if (approvalSatisfied(policy, approval)) return null
  if (approval.state === 'rejected') return 'Changes were requested: edit it and submit it again.'
  if (approval.state === 'draft') return 'It needs approval: submit it for approval.'
  const missing = missingApprovers(policy, approval)
  if (policy.mode === 'all' && missing.length > 0)
    return `Waiting for approval by ${missing.map(nameOf).join(', ')}.`
  if (policy.approverIds.length > 0)
    return `Waiting for approval by ${policy.approverIds.map(nameOf).join(' or ')}.`
  return 'Waiting for approval by an owner or manager.'
}
