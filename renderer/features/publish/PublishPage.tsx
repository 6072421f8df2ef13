import { Send } from 'lucide-react'
import { EmptyState } from '../../ui/EmptyState'

export function PublishPage() {
  return (
    <EmptyState
      icon={Send}
      title="Nothing scheduled"
      availability="Publishing is not available in this build yet."
    >
      Drafts, posts waiting for approval and the publishing schedule appear here, including drafts
      written offline.
    </EmptyState>
  )
}
