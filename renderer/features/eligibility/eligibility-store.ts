import { useCallback, useMemo } from 'react'
import type { ThresholdOverrides } from '../../../shared/eligibility/evaluate'
import { useWorkspaceSettings } from '../workspace-settings/use-workspace-settings'

/**
 * Threshold overrides and "in good standing?" answers of the current workspace, synced on the
 * workspace document so every member sees the same eligibility.
 */
export function useWorkspaceEligibility(): {
  /** `programId.criterionId` → threshold this workspace uses instead of the default. */
  overrides: ThresholdOverrides
  /** Account id → the creator's own answer to "in good standing?". */
  standing: Readonly<Record<string, boolean>>
  readOnlyReason: string | null
  setOverride(key: string, value: number | null): Promise<void>
  setStanding(accountId: string, value: boolean | null): Promise<void>
} {
  const handle = useWorkspaceSettings()
  const { settings, readOnlyReason, update } = handle
  const { eligibility } = settings
  const overrides = useMemo(
    () => Object.fromEntries(eligibility.overrides.map((o) => [o.key, o.value])),
    [eligibility.overrides],
  )
  const standing = useMemo(
    () => Object.fromEntries(eligibility.standing.map((s) => [s.accountId, s.inGoodStanding])),
    [eligibility.standing],
  )
  const setOverride = useCallback(
    (key: string, value: number | null) =>
      update((current) => {
        const rest = current.eligibility.overrides.filter((o) => o.key !== key)
        const overrides = value === null ? rest : [...rest, { key, value }]
        return { ...current, eligibility: { ...current.eligibility, overrides } }
      }),
    [update],
  )
  const setStanding = useCallback(
    (accountId: string, value: boolean | null) =>
      update((current) => {
        const rest = current.eligibility.standing.filter((s) => s.accountId !== accountId)
        const standing = value === null ? rest : [...rest, { accountId, inGoodStanding: value }]
        return { ...current, eligibility: { ...current.eligibility, standing } }
      }),
    [update],
  )
  return { overrides, standing, readOnlyReason, setOverride, setStanding }
}
