import { useEffect, useState, type ReactNode } from 'react'
import { addRxPlugin } from 'rxdb'
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { RxDatabaseProvider } from 'rxdb/plugins/react'
import { createLogger } from '../../shared/logger'
import { createReeldeskDatabase, type ReeldeskDatabase } from '../data/database'
import { startReplication } from '../data/replication'
import { wrappedValidateZodStorage } from '../data/zod-validate-storage'
import { attachSyncStatus, markFollower } from '../sync/sync-store'

const log = createLogger('workspace-data')

// Several tabs of one workspace (web mode) share its database; only the elected leader syncs.
addRxPlugin(RxDBLeaderElectionPlugin)

/** RxDB database names: lower-case letter first, then letters, digits, - and _. */
export function databaseName(workspaceId: string): string {
  return `rd-${workspaceId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`
}

/**
 * Opening and closing databases is serialised: the free RxDB build allows 13 open collections
 * per page and a workspace has 10, so the previous workspace's database must be closed first.
 */
let lifecycle: Promise<unknown> = Promise.resolve()

interface WorkspaceDataProps {
  serverUrl: string
  workspaceId: string
  token: () => string | null
  onSessionRefused: () => void
  children: ReactNode
}

/**
 * One workspace's local database (IndexedDB through Dexie) with live replication to the sync
 * server. Everything reads and writes the local database, so the studio works the same offline;
 * replication catches up whenever the server is reachable.
 */
export function WorkspaceData({
  serverUrl,
  workspaceId,
  token,
  onSessionRefused,
  children,
}: WorkspaceDataProps) {
  const [db, setDb] = useState<ReeldeskDatabase | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let disposed = false
    let teardown: (() => Promise<void>) | null = null
    lifecycle = lifecycle.then(async () => {
      if (disposed) return
      try {
        const database = await createReeldeskDatabase({
          // zod, not ajv: ajv compiles with new Function, which the CSP forbids.
          storage: wrappedValidateZodStorage({ storage: getRxStorageDexie() }),
          validate: false,
          name: databaseName(workspaceId),
          multiInstance: true,
        })
        const replication = startReplication({
          db: database,
          workspaceId,
          serverUrl,
          token,
          waitForLeadership: true,
        })
        let detach: () => void = () => undefined
        if (database.isLeader()) detach = attachSyncStatus(database, replication)
        else {
          markFollower()
          void database.waitForLeadership().then(() => {
            if (!disposed) detach = attachSyncStatus(database, replication)
          })
        }
        void replication.authFailure.then(() => {
          if (!disposed) onSessionRefused()
        })
        teardown = async () => {
          detach()
          await replication.cancel()
          await database.close()
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
      lifecycle = lifecycle.then(() => teardown?.())
    }
  }, [serverUrl, workspaceId, token, onSessionRefused])

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
