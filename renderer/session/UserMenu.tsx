import { LogOut } from 'lucide-react'
import { Button } from 'react-aria-components'
import { useSession } from './session-context'

export function UserMenu() {
  const user = useSession((s) => s.user)
  const signOut = useSession((s) => s.signOut)
  return (
    <div className="user-menu">
      <span className="muted">{user?.displayName}</span>
      <Button className="icon-button" aria-label="Sign out" onPress={() => void signOut()}>
        <LogOut aria-hidden="true" size={16} />
      </Button>
    </div>
  )
}
