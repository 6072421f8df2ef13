import type { SyncClient } from './sync-client'

export interface OfflineSwitch {
  client: SyncClient
  isOnline(): boolean
  /** Offline: calls fail at once and open streams end with an error, as on a lost network. */
  setOnline(online: boolean): void
}

class OfflineError extends Error {
  constructor() {
    super('offline')
    this.name = 'OfflineError'
  }
}

/**
 * Wraps a sync client with a "work offline" switch: the app's offline toggle, and how tests cut
 * a client's network without touching the server. Replication retries while offline and, once
 * back online, reopened streams start with RESYNC so nothing written meanwhile is missed.
 */
export function createOfflineSwitch(inner: SyncClient): OfflineSwitch {
  let online = true
  const open = new Set<() => void>()
  const client: SyncClient = {
    pull: (input) => (online ? inner.pull(input) : Promise.reject(new OfflineError())),
    push: (input) => (online ? inner.push(input) : Promise.reject(new OfflineError())),
    fetch: (input) => (online ? inner.fetch(input) : Promise.reject(new OfflineError())),
    stream(input, handlers) {
      if (!online) {
        const timer = setTimeout(() => handlers.onError(new OfflineError()), 0)
        return { unsubscribe: () => clearTimeout(timer) }
      }
      const subscription = inner.stream(input, handlers)
      const cut = () => {
        open.delete(cut)
        subscription.unsubscribe()
        handlers.onError(new OfflineError())
      }
      open.add(cut)
      return {
        unsubscribe() {
          open.delete(cut)
          subscription.unsubscribe()
        },
      }
    },
  }
  return {
    client,
    isOnline: () => online,
    setOnline(next) {
      online = next
      if (!next) for (const cut of [...open]) cut()
    },
  }
}
