import { useCallback } from 'react'
import { useStore } from 'zustand'
import type { Timeline } from '../../../../shared/timeline/model'
import type { ProjectStore } from '../project/project-store'
import { readableError } from './units'

export type ScopedEdit = (
  label: string,
  change: (t: Timeline) => Timeline,
  options?: { coalesceKey?: string },
) => boolean

/**
 * The store's edit, tagged with the control group making it, and that group's refusal (if the
 * last edit refused was its own): each group shows its own error, next to its controls. The
 * next accepted edit, undo or redo clears it, as the store does.
 */
export function useScopedEdit(
  store: ProjectStore,
  scope: string,
): { edit: ScopedEdit; error: string | null } {
  const error = useStore(store, (s) => (s.errorScope === scope ? s.error : null))
  const edit = useCallback<ScopedEdit>(
    (label, change, options = {}) => store.getState().edit(label, change, { ...options, scope }),
    [store, scope],
  )
  return { edit, error: error === null ? null : readableError(error) }
}
