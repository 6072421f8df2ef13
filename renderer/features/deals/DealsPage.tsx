import { Handshake } from 'lucide-react'
import { EmptyState } from '../../ui/EmptyState'

export function DealsPage() {
  return (
    <EmptyState
      icon={Handshake}
      title="No brand deals yet"
      availability="The brand-deal inbox is not available in this build yet."
    >
      Offers from brands, their deliverables and message threads appear here.
    </EmptyState>
  )
}
