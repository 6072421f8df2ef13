import { EventSource } from 'eventsource'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import type { CollectionName } from '../../shared/data/collection-contract'
import { createReeldeskDatabase, type ReeldeskDatabase } from '../../renderer/data/database'
import { createOfflineSwitch, type OfflineSwitch } from '../../renderer/data/offline-switch'
import {
  superviseReplication,
  type SupervisedReplication,
} from '../../renderer/data/supervised-replication'
import type { ReeldeskReplication } from '../../renderer/data/replication'
import { createSyncClient, type SyncClient } from '../../renderer/data/sync-client'

let counter = 0

/** A real RxDB client of the app's replication, in Node (memory storage), for integration tests. */
export interface RxClient {
  db: ReeldeskDatabase
  net: OfflineSwitch
  supervisor: SupervisedReplication
  /** The replication running now (a fresh start after CHECKPOINT_AHEAD replaces it). */
  replication(): ReeldeskReplication
  /** How many times the server delivered each document id through pull. */
  pulledCount(id: string): number
  /** Live (not deleted) local documents of a collection, by id. */
  live(collection: CollectionName): Promise<Map<string, Record<string, unknown>>>
  close(): Promise<void>
}

/**
 * Opens a client with a few collections (the free RxDB build allows 13 open collections per
 * process: keep clients × collections under that, and close clients after each test).
 */
export async function openRxClient(options: {
  url: () => string
  token: string
  workspaceId: string
  collections: readonly CollectionName[]
}): Promise<RxClient> {
  counter += 1
  const db = await createReeldeskDatabase({
    storage: getRxStorageMemory(),
    name: `rx-client-${process.pid}-${counter}`,
    only: options.collections,
  })
  const pulled = new Map<string, number>()
  const inner = createSyncClient({
    serverUrl: options.url(),
    token: () => options.token,
    EventSource,
  })
  const counting: SyncClient = {
    ...inner,
    async pull(input) {
      const out = await inner.pull(input)
      for (const d of out.documents) {
        const id = String(d['id'])
        pulled.set(id, (pulled.get(id) ?? 0) + 1)
      }
      return out
    },
  }
  const net = createOfflineSwitch(counting)
  const supervisor = superviseReplication({
    db,
    workspaceId: options.workspaceId,
    client: net.client,
    serverId: 'test',
    retryTime: 100,
  })
  await eventually(() => {
    if (!supervisor.current()) throw new Error('replication has not started yet')
  }, 5_000)
  return {
    db,
    net,
    supervisor,
    replication() {
      const current = supervisor.current()
      if (!current) throw new Error('replication has not started yet')
      return current
    },
    pulledCount: (id) => pulled.get(id) ?? 0,
    async live(collection) {
      const docs = await db.collections[collection].find().exec()
      return new Map(docs.map((d) => [d.primary, d.toMutableJSON() as Record<string, unknown>]))
    },
    async close() {
      await supervisor.cancel()
      await db.close()
    },
  }
}

/** Retries `check` until it passes or `timeoutMs` runs out (then throws its last error). */
export async function eventually(
  check: () => void | Promise<void>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}
