import {
  MAX_ANALYTICS_GROUPS,
  type AnalyticsSettings,
} from '../data/collections/workspace-settings'

export type AccountGroup = AnalyticsSettings['groups'][number]

/** A group as the person typed it, before it is checked. */
export interface GroupDraft {
  id: string
  name: string
  accountIds: readonly string[]
}

export type GroupEdit = { ok: true; settings: AnalyticsSettings } | { ok: false; error: string }

/**
 * Adds or replaces a group of accounts for the roll-up (agency clients, regions…): a name that is
 * not blank and not another group's (whatever the case), at least one account, and only accounts
 * the workspace has. The error says what to change, in the dialog's words.
 */
export function saveGroup(
  settings: AnalyticsSettings,
  draft: GroupDraft,
  workspaceAccountIds: ReadonlySet<string>,
): GroupEdit {
  const name = draft.name.trim().replace(/\s+/g, ' ')
  if (!name) return { ok: false, error: 'Give the group a name.' }
  if (name.length > 80) return { ok: false, error: 'Use a name of at most 80 characters.' }
  const clash = settings.groups.find(
    (g) => g.id !== draft.id && g.name.toLocaleLowerCase() === name.toLocaleLowerCase(),
  )
  if (clash) return { ok: false, error: `There is already a group called “${clash.name}”.` }
  const accountIds = [...new Set(draft.accountIds)].filter((id) => workspaceAccountIds.has(id))
  if (accountIds.length === 0) return { ok: false, error: 'Tick at least one account.' }
  const exists = settings.groups.some((g) => g.id === draft.id)
  if (!exists && settings.groups.length >= MAX_ANALYTICS_GROUPS)
    return { ok: false, error: `A workspace can have up to ${MAX_ANALYTICS_GROUPS} groups.` }
  const group: AccountGroup = { id: draft.id, name, accountIds }
  const groups = exists
    ? settings.groups.map((g) => (g.id === draft.id ? group : g))
    : [...settings.groups, group]
  return { ok: true, settings: { ...settings, groups } }
}

/** Removes a group; a scheduled report of that group reports on every account instead. */
export function removeGroup(settings: AnalyticsSettings, groupId: string): AnalyticsSettings {
  return {
    groups: settings.groups.filter((g) => g.id !== groupId),
    reports: settings.reports.map((r) => (r.groupId === groupId ? { ...r, groupId: null } : r)),
  }
}

/**
 * The accounts the roll-up shows: the group's (those still in the workspace, in the workspace's
 * order), or every account for no group or a group that no longer exists.
 */
export function accountsOfGroup<T extends { id: string }>(
  accounts: readonly T[],
  groups: readonly AccountGroup[],
  groupId: string | null,
): readonly T[] {
  const group = groupId === null ? undefined : groups.find((g) => g.id === groupId)
  if (!group) return accounts
  const members = new Set(group.accountIds)
  return accounts.filter((a) => members.has(a.id))
}
