import { BadgeCheck } from 'lucide-react'
import { EmptyState } from '../../ui/EmptyState'

export function EligibilityPage() {
  return (
    <EmptyState
      icon={BadgeCheck}
      title="No accounts to check"
      availability="Eligibility checks arrive once creator accounts can be added."
    >
      Each account's Creator Rewards and fund eligibility appears here, with the reason for every
      requirement it does not meet yet.
    </EmptyState>
  )
}
