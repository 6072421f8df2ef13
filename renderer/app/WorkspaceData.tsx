import { useEffect, useState, type ReactNode } from 'react'
import { addRxPlugin } from 'rxdb'
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election'
import { RxDatabaseProvider } from 'rxdb/plugins/react'
import { createLogger } from '../../shared/logger'
import type { ReeldeskDatabase } from '../data/database'
import type { StopReason } from '../data/stop-reason'
import { superviseReplication } from '../data/supervised-replication'
import {
  closeWorkspaceDatabase,
  openWorkspaceDatabase,
  removeWorkspaceDatabase,
  serialized,
} from '../data/workspace-db'
import { attachSyncStatus, markFollower, markStopped } from '../sync/sync-store'

const log = createLogger('workspace-data')

// Several tabs of one workspace (web mode) share its database; only the elected leader syncs.
addRxPlugin(RxDBLeaderElectionPlugin)

interface WorkspaceDataProps {
  serverUrl: string
  workspaceId: string
  token: () => string | null
  onSessionRefused: () => void
  /** The workspace is gone for this user; its local copy has been removed from this device. */
  onWorkspaceGone: (workspaceId: string, message: string) => void
  children: ReactNode
}

/**
 * One workspace's local database (IndexedDB through Dexie) with live replication to the sync
 * server. Everything reads and writes the local database, so the studio works the same offline;
 * replication catches up whenever the server is reachable. When replication stops for good it
 * says why: a refused session signs out, a workspace that is gone for this member is purged from
 * the device, a server restored from an older backup gets a fresh start (the next epoch), and an
 * app too old for the server says so in the sync indicator.
 */
export function WorkspaceData({
  serverUrl,
  workspaceId,
  token,
  onSessionRefused,
  onWorkspaceGone,
  children,
}: WorkspaceDataProps) {
  const [db, setDb] = useState<ReeldeskDatabase | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let disposed = false
    let teardown: (() => Promise<void>) | null = null
    const handleStop = (stop: Exclude<StopReason, { kind: 'reset' }>) => {
      if (disposed) return
      if (stop.kind === 'auth') return onSessionRefused()
      if (stop.kind === 'update') return markStopped(stop.message)
      // Gone: close, remove the local copy, and let the session move to another workspace.
      disposed = true
      setDb(null)
      void serialized(async () => {
        await teardown?.()
        teardown = null
        await removeWorkspaceDatabase(workspaceId).catch((e: unknown) =>
          log.error('could not remove the workspace database', { error: String(e) }),
        )
        onWorkspaceGone(
          workspaceId,
          stop.reason === 'WORKSPACE_DELETED'
            ? 'This workspace was deleted by its owner; its data was removed from this device.'
            : 'You are no longer a member of this workspace; its data was removed from this device.',
        )
      })
    }
    void serialized(async () => {
      if (disposed) return
      try {
        const database = await openWorkspaceDatabase(workspaceId)
        if (!database.isLeader()) markFollower()
        const replication = superviseReplication({
          db: database,
          workspaceId,
          serverUrl,
          token,
          waitForLeadership: true,
          // Leadership (web mode, several tabs): the status follows the tab that syncs.
          onStart: (running) => {
            let detach: () => void = () => undefined
            let ended = false
            void database.waitForLeadership().then(() => {
              if (!ended && !disposed) detach = attachSyncStatus(database, running)
            })
            return () => {
              ended = true
              detach()
            }
          },
        })
        void replication.stopped.then(handleStop)
        teardown = async () => {
          await replication.cancel()
          await closeWorkspaceDatabase(database, workspaceId)
        }
        if (disposed) await teardown()
        else setDb(database)
      } catch (e) {
        log.error('could not open the workspace database', { error: String(e) })
        if (!disposed) setError(e instanceof Error ? e.message : String(e))
      }
    })
    return () => {
      disposed = true
      setDb(null)
      void serialized(async () => teardown?.())
    }
  }, [serverUrl, workspaceId, token, onSessionRefused, onWorkspaceGone])

  if (error) {
    return (
      <p role="alert" className="form-error">
        This workspace's data could not be opened: {error}
      </p>
    )
  }
  if (!db) return <p className="loading">Opening workspace…</p>
  return <RxDatabaseProvider database={db}>{children}</RxDatabaseProvider>
}
