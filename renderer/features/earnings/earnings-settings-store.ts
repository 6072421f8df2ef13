import { useCallback, useMemo } from 'react'
import type { EarningsSettings } from '../../../shared/money/earnings-settings'
import {
  earningsSettingsFromDoc,
  earningsSettingsToDoc,
} from '../../../shared/money/earnings-settings-doc'
import { useWorkspaceSettings } from '../workspace-settings/use-workspace-settings'

/**
 * The diamond rates, payout minimum, alert thresholds and conversion table of the current
 * workspace: synced on the workspace document, the same on every member's device.
 */
export function useEarningsSettings(): {
  settings: EarningsSettings
  /** Why this member cannot change them; null when they can. */
  readOnlyReason: string | null
  save(settings: EarningsSettings): Promise<void>
  /** Back to every default. */
  reset(): Promise<void>
} {
  const handle = useWorkspaceSettings()
  const { settings: all, readOnlyReason, update } = handle
  const settings = useMemo(() => earningsSettingsFromDoc(all.earnings), [all.earnings])
  const save = useCallback(
    (next: EarningsSettings) =>
      update((current) => ({ ...current, earnings: earningsSettingsToDoc(next) })),
    [update],
  )
  const reset = useCallback(() => update((current) => ({ ...current, earnings: null })), [update])
  return { settings, readOnlyReason, save, reset }
}
