import type { Subscription } from 'rxjs'
import { create } from 'zustand'
import type { CollectionName } from '../../shared/data/collection-contract'
import type { ReeldeskDatabase } from '../data/database'
import type { RefusedChange } from '../data/refusal-store'
import type { ReeldeskReplication } from '../data/replication'
import { describePurge } from './describe-purge'
import { initialSyncStatus, reduceSyncStatus, type SyncStatus } from './sync-status'
import { syncEvents } from './track-sync'

export interface SyncNotice {
  id: number
  text: string
}

interface SyncStore {
  status: SyncStatus
  /**
   * 'follower': another tab of the same workspace (web mode) is the leader and does the syncing
   * for both; this tab sees every change through the shared database but has no status to show.
   */
  mode: 'detached' | 'follower' | 'leader'
  /** Local changes the server refused, each shown beside its document with the reason. */
  refused: readonly RefusedChange[]
  /** Things the user should know that happened to their data (purges after access changes). */
  notices: readonly SyncNotice[]
  /** Why syncing stopped for good (the app is too old for the server), or null. */
  stopped: string | null
  /** Drops refused local changes (each takes the server's copy or leaves the device). */
  discard(collection: CollectionName, ids: readonly string[]): Promise<void>
  dismissNotice(id: number): void
}

let noticeCounter = 0

export const useSyncStore = create<SyncStore>((set) => ({
  status: initialSyncStatus,
  mode: 'detached',
  refused: [],
  notices: [],
  stopped: null,
  discard: () => Promise.reject(new Error('this tab is not syncing the workspace')),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}))

export function markFollower(): void {
  useSyncStore.setState({ mode: 'follower', status: initialSyncStatus })
}

/** Replication stopped for good (an app/server version mismatch): said in the indicator. */
export function markStopped(message: string): void {
  useSyncStore.setState({ stopped: message })
}

function addNotice(text: string): void {
  noticeCounter += 1
  const notice = { id: noticeCounter, text }
  useSyncStore.setState((s) => ({ notices: [...s.notices.slice(-4), notice] }))
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
    stopped: null,
    discard: (collection, ids) => replication.discard(collection, ids),
  })
  const subscriptions: Subscription[] = [
    syncEvents(db, replication).subscribe((event) =>
      useSyncStore.setState((s) => ({ status: reduceSyncStatus(s.status, event) })),
    ),
    replication.refusals.changes$.subscribe((refused) => useSyncStore.setState({ refused })),
    replication.purged$.subscribe((report) => addNotice(describePurge(report))),
  ]
  return () => {
    for (const s of subscriptions) s.unsubscribe()
    useSyncStore.setState({
      mode: 'detached',
      status: initialSyncStatus,
      refused: [],
      discard: () => Promise.reject(new Error('this tab is not syncing the workspace')),
    })
  }
}
