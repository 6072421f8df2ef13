import { BarChart3 } from 'lucide-react'
import { EmptyState } from '../../ui/EmptyState'

export function AnalyticsPage() {
  return (
    <EmptyState
      icon={BarChart3}
      title="No analytics yet"
      availability="Connect an account once accounts and sync arrive to start collecting history."
    >
      Daily views, followers and engagement for each connected account appear here, kept on this
      device for as long as you like.
    </EmptyState>
  )
}
