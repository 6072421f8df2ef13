import { Coins } from 'lucide-react'
import { EmptyState } from '../../ui/EmptyState'

export function EarningsPage() {
  return (
    <EmptyState
      icon={Coins}
      title="No earnings recorded"
      availability="Earnings tracking is not available in this build yet."
    >
      LIVE gift income, Creator Rewards, shop commissions and brand-deal payments appear here as one
      ledger.
    </EmptyState>
  )
}
