import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import type { MemberLike } from '../../shared/auth/permissions'
import type { WorkspaceDoc } from '../../shared/data/registry'
import { useSession } from '../session/session-context'

/**
 * The signed-in user's membership in the current workspace, for permission checks in the UI.
 * The replicated workspace document is authoritative (it carries a creator's accounts); until it
 * has synced, the role from the workspace list stands in.
 */
export function useWorkspaceMember(): {
  member: MemberLike | null
  workspace: WorkspaceDoc | null
} {
  const workspaceId = useSession((s) => s.workspaceId)
  const userId = useSession((s) => s.user?.id)
  const summary = useSession((s) => s.workspaces.find((w) => w.id === s.workspaceId))
  const query = useMemo(() => ({ selector: { id: workspaceId ?? '' } }), [workspaceId])
  const { results } = useLiveRxQuery<WorkspaceDoc>({ collection: 'workspaces', query })
  const workspace = results[0]?.toJSON() as WorkspaceDoc | undefined
  const fromDoc = workspace?.members.find((m) => m.userId === userId)
  const member: MemberLike | null = fromDoc
    ? { role: fromDoc.role, accountIds: fromDoc.accountIds }
    : summary
      ? { role: summary.role, accountIds: [] }
      : null
  return { member, workspace: workspace ?? null }
}
