import type { Subscription } from 'rxjs'
import { create } from 'zustand'
import type { ReeldeskDatabase } from '../data/database'
import type { ReeldeskReplication } from '../data/replication'
import { initialSyncStatus, reduceSyncStatus, type SyncStatus } from './sync-status'
import { syncEvents } from './track-sync'

interface SyncStore {
  status: SyncStatus
  /**
   * 'follower': another tab of the same workspace (web mode) is the leader and does the syncing
   * for both; this tab sees every change through the shared database but has no status to show.
   */
  mode: 'detached' | 'follower' | 'leader'
}

export const useSyncStore = create<SyncStore>(() => ({
  status: initialSyncStatus,
  mode: 'detached',
}))

export function markFollower(): void {
  useSyncStore.setState({ mode: 'follower', status: initialSyncStatus })
}

/** Feeds the indicator from one workspace's replication until the returned function is called. */
export function attachSyncStatus(
  db: ReeldeskDatabase,
  replication: ReeldeskReplication,
): () => void {
  const online = typeof navigator === 'undefined' ? true : navigator.onLine
  useSyncStore.setState({
    mode: 'leader',
    status: { ...initialSyncStatus, connection: online ? 'online' : 'offline' },
  })
  const subscription: Subscription = syncEvents(db, replication).subscribe((event) =>
    useSyncStore.setState((s) => ({ status: reduceSyncStatus(s.status, event) })),
  )
  return () => {
    subscription.unsubscribe()
    useSyncStore.setState({ mode: 'detached', status: initialSyncStatus })
  }
}
