/**
 * The sync indicator's model: a pure reducer over what the replication reports, so every state
 * the user can see (online, offline, syncing, pending changes, last synced, error) is tested
 * without a server.
 */
export interface SyncStatus {
  /** The browser's view of the network and whether the server answered last time we asked. */
  connection: 'online' | 'offline'
  /**
   * The browser said the network is gone (its `offline` event; its `online` event clears it).
   * Until then nothing can reach the server, so a sync round that ends or a push answer that
   * arrives late (sent before the drop) does not make the indicator say online again.
   */
  networkDown: boolean
  syncing: boolean
  /** Documents changed on this device that the server has not acknowledged yet. */
  pending: ReadonlySet<string>
  lastSyncedAt: number | null
  error: string | null
}

export type SyncEvent =
  | { type: 'network'; online: boolean }
  | { type: 'active'; active: boolean; at: number }
  | { type: 'local-write'; key: string }
  | { type: 'sent'; key: string }
  | { type: 'error'; message: string; unreachable: boolean }

export const initialSyncStatus: SyncStatus = {
  connection: 'online',
  networkDown: false,
  syncing: false,
  pending: new Set(),
  lastSyncedAt: null,
  error: null,
}

export function reduceSyncStatus(state: SyncStatus, event: SyncEvent): SyncStatus {
  switch (event.type) {
    case 'network':
      return {
        ...state,
        connection: event.online ? 'online' : 'offline',
        networkDown: !event.online,
      }
    case 'active':
      if (event.active) return { ...state, syncing: true }
      // A round that ends without a new error means the server answered: we are in sync with it.
      if (state.networkDown) return { ...state, syncing: false }
      return {
        ...state,
        syncing: false,
        connection: state.error ? state.connection : 'online',
        lastSyncedAt: state.error ? state.lastSyncedAt : event.at,
      }
    case 'local-write': {
      if (state.pending.has(event.key)) return state
      return { ...state, pending: new Set(state.pending).add(event.key) }
    }
    case 'sent': {
      const connection = state.networkDown ? 'offline' : 'online'
      if (!state.pending.has(event.key)) return { ...state, error: null, connection }
      const pending = new Set(state.pending)
      pending.delete(event.key)
      return { ...state, pending, error: null, connection }
    }
    case 'error':
      return event.unreachable
        ? { ...state, connection: 'offline', error: null }
        : { ...state, error: event.message }
  }
}

export type SyncBadge = 'offline' | 'syncing' | 'pending' | 'error' | 'synced' | 'idle'

/** The one word the indicator leads with; the details go in its label. */
export function syncBadge(status: SyncStatus): SyncBadge {
  // Without a network nothing can be fixed or retried: "Offline" is the news, and an error from
  // before the drop stays in the details.
  if (status.connection === 'offline') return 'offline'
  if (status.error) return 'error'
  if (status.syncing) return 'syncing'
  if (status.pending.size > 0) return 'pending'
  return status.lastSyncedAt === null ? 'idle' : 'synced'
}

/** A doc's identity in the pending set: collection and id (updates of one doc count once). */
export function pendingKey(collection: string, id: string): string {
  return `${collection}/${id}`
}
