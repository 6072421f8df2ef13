import { useSession } from '../../session/session-context'
import { CreatorAccounts } from './CreatorAccounts'
import { MembersPanel } from './MembersPanel'
import { NewWorkspaceForm } from './NewWorkspaceForm'
import { AuditLogPanel } from './AuditLogPanel'
import { SessionsPanel } from './SessionsPanel'
import { can } from '../../../shared/auth/permissions'
import { useWorkspaceMember } from './use-workspace-member'
import { WorkspaceSettingsPanel } from './WorkspaceSettingsPanel'
import { ApprovalPoliciesPanel } from './ApprovalPoliciesPanel'

/** Creator accounts of the current workspace, its members and their roles, invites, new workspaces. */
export function AccountsPage() {
  const workspaceId = useSession((s) => s.workspaceId)
  const { member, workspace } = useWorkspaceMember()
  if (!workspaceId) return null
  return (
    <div className="page-stack">
      <CreatorAccounts workspaceId={workspaceId} member={member} />
      <MembersPanel workspace={workspace} member={member} />
      <ApprovalPoliciesPanel workspace={workspace} />
      {member && can(member, 'viewAudit') ? <AuditLogPanel workspace={workspace} /> : null}
      <WorkspaceSettingsPanel workspace={workspace} member={member} />
      <NewWorkspaceForm />
      <SessionsPanel />
    </div>
  )
}
