import { useCallback } from 'react'
import { useRxCollection } from 'rxdb/plugins/react'
import {
  emptyWorkspaceSettings,
  type WorkspaceSettings,
} from '../../../shared/data/collections/workspace-settings'
import { jsonEqual } from '../../../shared/data/merge'
import type { WorkspaceDoc } from '../../../shared/data/registry'
import { settingsReadOnlyReason } from '../../../shared/workflow/workspace-transitions'
import { useWorkspaceMember } from '../../app/use-workspace-member'

const EMPTY = emptyWorkspaceSettings()

export interface WorkspaceSettingsHandle {
  /** The synced settings (every default until the workspace document has arrived). */
  settings: WorkspaceSettings
  /** False until the workspace document is on this device. */
  loaded: boolean
  /** Why this member cannot change them, in words; null when they can. */
  readOnlyReason: string | null
  /** Applies `change` to the latest stored settings (no lost update if another edit landed). */
  update(change: (settings: WorkspaceSettings) => WorkspaceSettings): Promise<void>
}

/**
 * The workspace's settings, read from and written to the replicated workspace document, so every
 * member's device sees the same rates, thresholds, policies and reports (the server lets only
 * owners and managers change them: shared/workflow/workspace-transitions.ts).
 */
export function useWorkspaceSettings(): WorkspaceSettingsHandle {
  const { member, workspace } = useWorkspaceMember()
  const collection = useRxCollection<WorkspaceDoc>('workspaces')
  const workspaceId = workspace?.id ?? null
  const readOnlyReason = settingsReadOnlyReason(member)
  const update = useCallback(
    async (change: (settings: WorkspaceSettings) => WorkspaceSettings) => {
      if (!collection || !workspaceId) throw new Error('The workspace has not loaded yet.')
      const doc = await collection.findOne(workspaceId).exec()
      if (!doc) throw new Error('The workspace has not loaded yet.')
      await doc.incrementalModify((current) => {
        const settings = change(current.settings)
        if (jsonEqual(settings, current.settings)) return current
        return { ...current, settings, updatedAt: Math.max(Date.now(), current.updatedAt + 1) }
      })
    },
    [collection, workspaceId],
  )
  return {
    settings: workspace?.settings ?? EMPTY,
    loaded: workspace !== null,
    readOnlyReason,
    update,
  }
}
