import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { ThresholdOverrides } from '../../../shared/eligibility/evaluate'

interface WorkspaceEligibility {
  /** `programId.criterionId` → threshold this workspace uses instead of the default. */
  overrides: Record<string, number>
  /** Account id → the creator's own answer to "in good standing?". */
  standing: Record<string, boolean>
}

interface EligibilityState {
  byWorkspace: Record<string, WorkspaceEligibility>
  setOverride(workspaceId: string, key: string, value: number | null): void
  setStanding(workspaceId: string, accountId: string, value: boolean | null): void
}

const EMPTY: WorkspaceEligibility = { overrides: {}, standing: {} }

/** Threshold overrides and confirmations, per workspace on this device. */
export const useEligibilityStore = create<EligibilityState>()(
  persist(
    (set, get) => ({
      byWorkspace: {},
      setOverride(workspaceId, key, value) {
        const ws = get().byWorkspace[workspaceId] ?? EMPTY
        const { [key]: _old, ...rest } = ws.overrides
        const overrides = value === null ? rest : { ...rest, [key]: value }
        set({ byWorkspace: { ...get().byWorkspace, [workspaceId]: { ...ws, overrides } } })
      },
      setStanding(workspaceId, accountId, value) {
        const ws = get().byWorkspace[workspaceId] ?? EMPTY
        const { [accountId]: _old, ...rest } = ws.standing
        const standing = value === null ? rest : { ...rest, [accountId]: value }
        set({ byWorkspace: { ...get().byWorkspace, [workspaceId]: { ...ws, standing } } })
      },
    }),
    { name: 'reeldesk-eligibility', version: 1 },
  ),
)

export function useWorkspaceEligibility(workspaceId: string): {
  overrides: ThresholdOverrides
  standing: Readonly<Record<string, boolean>>
} {
  return useEligibilityStore((s) => s.byWorkspace[workspaceId]) ?? EMPTY
}
