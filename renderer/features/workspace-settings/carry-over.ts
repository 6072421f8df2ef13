import {
  earningsSettingsDocSchema,
  eligibilitySettingsSchema,
  type WorkspaceSettings,
} from '../../../shared/data/collections/workspace-settings'
import { earningsSettingsToDoc } from '../../../shared/money/earnings-settings-doc'
import type { EarningsSettings } from '../../../shared/money/earnings-settings'

/**
 * Before settings synced, Earnings and Eligibility kept them per device in localStorage (zustand
 * `persist`, `{ state: { byWorkspace: { [workspaceId]: … } } }`). The first time someone who may
 * change settings opens a workspace that has none, what this device saved becomes the
 * workspace's, and the device copy is cleared. Pure: the hook does the reading and writing.
 */
export const LEGACY_EARNINGS_KEY = 'reeldesk-earnings-settings'
export const LEGACY_ELIGIBILITY_KEY = 'reeldesk-eligibility'

function workspaceEntry(raw: string | null, workspaceId: string): unknown {
  if (raw === null) return undefined
  try {
    const parsed: unknown = JSON.parse(raw)
    const byWorkspace = (parsed as { state?: { byWorkspace?: Record<string, unknown> } } | null)
      ?.state?.byWorkspace
    return byWorkspace && typeof byWorkspace === 'object' ? byWorkspace[workspaceId] : undefined
  } catch {
    return undefined
  }
}

/** `raw` without `workspaceId`'s entry (null when nothing else is left in it). */
export function withoutWorkspace(raw: string | null, workspaceId: string): string | null {
  if (raw === null) return null
  try {
    const parsed = JSON.parse(raw) as { state?: { byWorkspace?: Record<string, unknown> } }
    const { [workspaceId]: _gone, ...rest } = parsed.state?.byWorkspace ?? {}
    if (Object.keys(rest).length === 0) return null
    return JSON.stringify({ ...parsed, state: { ...parsed.state, byWorkspace: rest } })
  } catch {
    return null
  }
}

/**
 * The workspace's settings with this device's saved values carried over into each section the
 * workspace has never set, or null when there is nothing to carry (no saved values, values the
 * synced schema refuses, or the workspace already has its own).
 */
export function carriedOver(
  settings: WorkspaceSettings,
  workspaceId: string,
  earningsRaw: string | null,
  eligibilityRaw: string | null,
): WorkspaceSettings | null {
  let next = settings
  const earnings = workspaceEntry(earningsRaw, workspaceId)
  if (settings.earnings === null && earnings !== undefined) {
    try {
      const doc = earningsSettingsDocSchema.safeParse(
        earningsSettingsToDoc(earnings as EarningsSettings),
      )
      if (doc.success) next = { ...next, earnings: doc.data }
    } catch {
      // A device copy of another shape: nothing to carry.
    }
  }
  const eligibility = workspaceEntry(eligibilityRaw, workspaceId) as
    { overrides?: unknown; standing?: unknown } | undefined
  const none =
    settings.eligibility.overrides.length === 0 && settings.eligibility.standing.length === 0
  if (none && eligibility && typeof eligibility === 'object') {
    const entries = (value: unknown) =>
      value && typeof value === 'object' ? Object.entries(value as Record<string, unknown>) : []
    const parsed = eligibilitySettingsSchema.safeParse({
      overrides: entries(eligibility.overrides).map(([key, value]) => ({ key, value })),
      standing: entries(eligibility.standing).map(([accountId, inGoodStanding]) => ({
        accountId,
        inGoodStanding,
      })),
    })
    if (parsed.success && (parsed.data.overrides.length > 0 || parsed.data.standing.length > 0))
      next = { ...next, eligibility: parsed.data }
  }
  return next === settings ? null : next
}
