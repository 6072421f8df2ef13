import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import {
  DEFAULT_EARNINGS_SETTINGS,
  type EarningsSettings,
} from '../../../shared/money/earnings-settings'

interface EarningsSettingsState {
  /** Per workspace, on this device (RxDB allows no extra collection; see the README). */
  byWorkspace: Record<string, EarningsSettings>
  set(workspaceId: string, settings: EarningsSettings): void
  reset(workspaceId: string): void
}

/** The diamond rates, payout minimum, alert thresholds and conversion table of a workspace. */
export const useEarningsSettingsStore = create<EarningsSettingsState>()(
  persist(
    (set, get) => ({
      byWorkspace: {},
      set(workspaceId, settings) {
        set({ byWorkspace: { ...get().byWorkspace, [workspaceId]: settings } })
      },
      reset(workspaceId) {
        const { [workspaceId]: _gone, ...rest } = get().byWorkspace
        set({ byWorkspace: rest })
      },
    }),
    { name: 'reeldesk-earnings-settings', version: 1 },
  ),
)

export function useEarningsSettings(workspaceId: string): EarningsSettings {
  return useEarningsSettingsStore((s) => s.byWorkspace[workspaceId]) ?? DEFAULT_EARNINGS_SETTINGS
}
