import { can } from '../../../shared/auth/permissions'
import type { WorkspaceDoc } from '../../../shared/data/registry'
import {
  APPROVAL_MODE_LABELS,
  APPROVAL_MODES,
  approvalPolicySchema,
  NO_APPROVAL,
  type ApprovalMode,
  type ApprovalPolicy,
} from '../../../shared/publishing/approval-policy'
import { useCurrentAccount } from '../../app/current-account-store'
import { showToast } from '../../app/toasts'
import { useWorkspaceSettings } from '../workspace-settings/use-workspace-settings'
import './approval-policies.css'

const CONSEQUENCE: Record<ApprovalMode, string> = {
  none: 'Whoever may write a post can schedule or publish it at once.',
  one: 'A post goes out after one approval — by a listed approver, or any owner or manager if none is listed.',
  all: 'A post goes out only after every listed approver has approved it; an edit starts over.',
}

/**
 * How each creator account's posts are approved (workspace settings, synced; the server enforces
 * it on every post: shared/workflow/post-transitions.ts). Owners and managers change it.
 */
export function ApprovalPoliciesPanel({ workspace }: { workspace: WorkspaceDoc | null }) {
  const { accounts } = useCurrentAccount()
  const { settings, readOnlyReason, update } = useWorkspaceSettings()
  if (!workspace || accounts.length === 0) return null
  const approvers = workspace.members.filter((m) => can(m, 'approvePost'))
  const policyOf = (accountId: string): ApprovalPolicy =>
    settings.approvals.find((a) => a.accountId === accountId)?.policy ?? NO_APPROVAL
  const save = (accountId: string, policy: ApprovalPolicy) => {
    const valid = approvalPolicySchema.safeParse(policy)
    if (!valid.success) {
      showToast({
        title: 'Not saved',
        description: valid.error.issues[0]?.message ?? 'This policy is not valid.',
        tone: 'error',
      })
      return
    }
    update((current) => {
      const rest = current.approvals.filter((a) => a.accountId !== accountId)
      const approvals =
        policy.mode === 'none' && policy.approverIds.length === 0
          ? rest
          : [...rest, { accountId, policy }]
      return { ...current, approvals }
    }).catch((e: unknown) =>
      showToast({
        title: 'The approval policy was not saved',
        description: e instanceof Error ? e.message : String(e),
        tone: 'error',
      }),
    )
  }
  return (
    <section className="panel approval-policies" aria-labelledby="approval-policies">
      <div className="panel__header">
        <h2 id="approval-policies">Post approval</h2>
      </div>
      {readOnlyReason ? <p className="muted">{readOnlyReason}</p> : null}
      <ul className="approval-policies__list">
        {accounts.map((account) => {
          const policy = policyOf(account.id)
          return (
            <li key={account.id} className="approval-policies__item">
              <label className="field approval-policies__mode">
                <span>@{account.handle}</span>
                <select
                  aria-label={`Approval for @${account.handle}`}
                  value={policy.mode}
                  disabled={readOnlyReason !== null}
                  onChange={(e) => {
                    const mode = e.target.value as ApprovalMode
                    const approverIds =
                      mode === 'all' && policy.approverIds.length === 0
                        ? approvers.map((m) => m.userId).slice(0, 20)
                        : policy.approverIds
                    save(account.id, { mode, approverIds: mode === 'none' ? [] : approverIds })
                  }}
                >
                  {APPROVAL_MODES.map((m) => (
                    <option key={m} value={m}>
                      {APPROVAL_MODE_LABELS[m]}
                    </option>
                  ))}
                </select>
              </label>
              {policy.mode !== 'none' ? (
                <fieldset
                  className="approval-policies__approvers"
                  disabled={readOnlyReason !== null}
                >
                  <legend>Approvers</legend>
                  {approvers.map((m) => (
                    <label key={m.userId} className="chip">
                      <input
                        type="checkbox"
                        checked={policy.approverIds.includes(m.userId)}
                        onChange={(e) =>
                          save(account.id, {
                            ...policy,
                            approverIds: e.target.checked
                              ? [...policy.approverIds, m.userId]
                              : policy.approverIds.filter((id) => id !== m.userId),
                          })
                        }
                      />{' '}
                      {m.displayName} <span className="muted">({m.role})</span>
                    </label>
                  ))}
                </fieldset>
              ) : null}
              <p className="muted approval-policies__consequence">{CONSEQUENCE[policy.mode]}</p>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
