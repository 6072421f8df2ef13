import type { CollectionName } from '../../shared/data/collection-contract'
import type { Checkpoint, StreamEvent } from '../../shared/sync/protocol'
import type { TestClient } from './client'

export interface WorkspaceFollower {
  /** Every version of every document pulled so far, per collection, in arrival order. */
  versions(collection: CollectionName): Record<string, unknown>[]
  /** Every stream event and pull answer received, for checks on what reached the client. */
  received(): unknown[]
  /** Resolves after the first RESYNC's pulls. */
  resynced: Promise<void>
  error: Promise<{ code: string; message: string }>
  stop(): void
}

/**
 * A client of the stream as the app is one: it pulls each collection from its checkpoint whenever
 * the stream says something changed (RESYNC, or `{ collection, seq }`), so what it holds is what
 * the member may read after every notification that reached its server.
 */
export function followWorkspace(
  api: TestClient,
  workspaceId: string,
  collections: readonly CollectionName[],
): WorkspaceFollower {
  const versions = new Map<CollectionName, Record<string, unknown>[]>()
  const received: unknown[] = []
  const checkpoints = new Map<CollectionName, Checkpoint | null>()
  let pulling: Promise<void> = Promise.resolve()
  const pull = (names: readonly CollectionName[]) => {
    pulling = pulling
      .then(async () => {
        for (const collection of names) {
          for (;;) {
            const out = await api.sync.pull.query({
              collection,
              workspaceId,
              checkpoint: checkpoints.get(collection) ?? null,
              limit: 1000,
            })
            received.push(out)
            versions.set(collection, [...(versions.get(collection) ?? []), ...out.documents])
            checkpoints.set(collection, out.checkpoint)
            if (out.documents.length + (out.purge?.length ?? 0) < 1000) break
          }
        }
      })
      .catch(() => undefined)
    return pulling
  }
  let onResync: () => void = () => undefined
  let onError: (e: { code: string; message: string }) => void = () => undefined
  const resynced = new Promise<void>((r) => (onResync = r))
  const error = new Promise<{ code: string; message: string }>((r) => (onError = r))
  const sub = api.sync.stream.subscribe(
    { workspaceId, collections: [...collections] },
    {
      onData: (event: StreamEvent) => {
        received.push(event)
        if (event === 'RESYNC') void pull(collections).then(onResync)
        else void pull([event.collection])
      },
      onError: (e) => {
        const data = e.data as { code?: string } | undefined
        onError({ code: data?.code ?? 'UNKNOWN', message: e.message })
      },
    },
  )
  return {
    versions: (collection) => versions.get(collection) ?? [],
    received: () => received,
    resynced,
    error,
    stop: () => sub.unsubscribe(),
  }
}
