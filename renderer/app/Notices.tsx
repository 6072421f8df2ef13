import { useEffect } from 'react'
import { useSession } from '../session/session-context'
import { useSyncStore } from '../sync/sync-store'
import { showToast } from './toasts'

/**
 * What happened to the user's data that they did not do themselves — documents removed from this
 * device after an access change, a workspace gone (removed from it, or deleted) — shown as toasts
 * that stay until dismissed: they explain why something disappeared.
 */
export function Notices() {
  const notices = useSyncStore((s) => s.notices)
  const dismiss = useSyncStore((s) => s.dismissNotice)
  const workspaceNotice = useSession((s) => s.workspaceNotice)
  const dismissWorkspace = useSession((s) => s.dismissWorkspaceNotice)
  useEffect(() => {
    for (const n of notices) {
      showToast({ title: n.text, tone: 'info' }, null)
      dismiss(n.id)
    }
  }, [notices, dismiss])
  useEffect(() => {
    if (!workspaceNotice) return
    showToast({ title: workspaceNotice, tone: 'info' }, null)
    dismissWorkspace()
  }, [workspaceNotice, dismissWorkspace])
  return null
}
