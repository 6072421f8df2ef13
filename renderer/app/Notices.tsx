import { X } from 'lucide-react'
import { Button } from 'react-aria-components'
import { useSession } from '../session/session-context'
import { useSyncStore } from '../sync/sync-store'

/**
 * What happened to the user's data that they did not do themselves: documents removed from this
 * device after an access change, a workspace gone (removed from it, or deleted). Polite live
 * region; each stays until dismissed.
 */
export function Notices() {
  const notices = useSyncStore((s) => s.notices)
  const dismiss = useSyncStore((s) => s.dismissNotice)
  const workspaceNotice = useSession((s) => s.workspaceNotice)
  const dismissWorkspace = useSession((s) => s.dismissWorkspaceNotice)
  const items = [
    ...(workspaceNotice
      ? [{ key: 'workspace', text: workspaceNotice, close: dismissWorkspace }]
      : []),
    ...notices.map((n) => ({ key: String(n.id), text: n.text, close: () => dismiss(n.id) })),
  ]
  return (
    <div className="notices" role="status" aria-live="polite">
      {items.map((item) => (
        <div key={item.key} className="notice">
          <span>{item.text}</span>
          <Button className="icon-button" aria-label="Dismiss" onPress={item.close}>
            <X aria-hidden="true" size={14} />
          </Button>
        </div>
      ))}
    </div>
  )
}
