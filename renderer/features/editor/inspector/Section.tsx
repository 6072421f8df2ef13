import type { ReactNode } from 'react'

/** A titled group of inspector controls (a landmark region, so it can be found by its title). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="inspector__section" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  )
}

/** Why the model refused the last edit of these controls, announced when it appears. */
export function InlineError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="form-error">
      {message}
    </p>
  ) : null
}
