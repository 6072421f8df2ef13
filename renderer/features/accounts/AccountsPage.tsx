import { Users } from 'lucide-react'
import { EmptyState } from '../../ui/EmptyState'

export function AccountsPage() {
  return (
    <EmptyState icon={Users} title="No creator accounts yet" availability="Accounts and workspaces arrive with sign-in and sync.">
      The creator accounts in this workspace, their members and roles appear here.
    </EmptyState>
  )
}
