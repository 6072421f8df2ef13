import type { LucideIcon } from 'lucide-react'
import type { ReactNode } from 'react'

interface EmptyStateProps {
  icon: LucideIcon
  title: string
  children: ReactNode
  /** Said plainly when the capability is not in this build yet, so nobody hunts for a button. */
  availability?: string
}

/** What an area shows before it has any data: what will be here and how it gets here. */
export function EmptyState({ icon: Icon, title, children, availability }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <Icon aria-hidden="true" className="empty-state__icon" size={48} strokeWidth={1.5} />
      <h2 id="empty-state-title">{title}</h2>
      <p>{children}</p>
      {availability ? <p className="empty-state__note">{availability}</p> : null}
    </section>
  )
}
