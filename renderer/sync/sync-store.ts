import type { Subscription } from 'rxjs'
import { create } from 'zustand'
import type { ReeldeskDatabase } from '../data/database'
import type { ReeldeskReplication } from '../data/replication'
import { initialSyncStatus, reduceSyncStatus, type SyncStatus } from './sync-status'
import { syncEvents } from './track-sync'

interface SyncStore {
  status: SyncStatus
  attached: boolean
}

export const useSyncStore = create<SyncStore>(() => ({
  status: initialSyncStatus,
  attached: false,
}))

/** Feeds the indicator from one workspace's replication until the returned function is called. */
export function attachSyncStatus(
  db: ReeldeskDatabase,
  replication: ReeldeskReplication,
): () => void {
  const online = typeof navigator === 'undefined' ? true : navigator.onLine
  useSyncStore.setState({
    attached: true,
    status: { ...initialSyncStatus, connection: online ? 'online' : 'offline' },
  })
  const subscription: Subscription = syncEvents(db, replication).subscribe((event) =>
    useSyncStore.setState((s) => ({ status: reduceSyncStatus(s.status, event) })),
  )
  return () => {
    subscription.unsubscribe()
    useSyncStore.setState({ attached: false, status: initialSyncStatus })
  }
}
