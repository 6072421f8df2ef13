import { useEffect, useRef } from 'react'
import { createLogger } from '../../../shared/logger'
import { useSession } from '../../session/session-context'
import {
  carriedOver,
  LEGACY_EARNINGS_KEY,
  LEGACY_ELIGIBILITY_KEY,
  withoutWorkspace,
} from './carry-over'
import { useWorkspaceSettings } from './use-workspace-settings'

const log = createLogger('settings-carry-over')

function clear(key: string, workspaceId: string): void {
  const rest = withoutWorkspace(localStorage.getItem(key), workspaceId)
  if (rest === null) localStorage.removeItem(key)
  else localStorage.setItem(key, rest)
}

/**
 * Once per workspace, for a member who may change settings: earnings rates and eligibility
 * answers this device saved before settings synced move into the workspace (where it has none),
 * then the device copy is cleared. Members who may not change settings keep the device copy.
 * Mounted once by each page that shows these settings (Earnings, Eligibility).
 */
export function useSettingsCarryOver(): void {
  const handle = useWorkspaceSettings()
  const workspaceId = useSession((s) => s.workspaceId)
  const done = useRef<string | null>(null)
  const { loaded, readOnlyReason, settings, update } = handle
  useEffect(() => {
    if (!workspaceId || !loaded || readOnlyReason !== null || done.current === workspaceId) return
    done.current = workspaceId
    const earnings = localStorage.getItem(LEGACY_EARNINGS_KEY)
    const eligibility = localStorage.getItem(LEGACY_ELIGIBILITY_KEY)
    if (earnings === null && eligibility === null) return
    const finish = () => {
      clear(LEGACY_EARNINGS_KEY, workspaceId)
      clear(LEGACY_ELIGIBILITY_KEY, workspaceId)
    }
    if (carriedOver(settings, workspaceId, earnings, eligibility) === null) return finish()
    update((current) => carriedOver(current, workspaceId, earnings, eligibility) ?? current)
      .then(finish)
      .catch((e: unknown) => {
        // Kept on the device: the next visit tries again.
        done.current = null
        log.warn('could not carry device settings into the workspace', { error: String(e) })
      })
  }, [workspaceId, loaded, readOnlyReason, settings, update])
}
