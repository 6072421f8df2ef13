import { EventSource } from 'eventsource'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { createReeldeskDatabase, type ReeldeskDatabase } from '../../renderer/data/database'
import { startReplication, type ReeldeskReplication } from '../../renderer/data/replication'
import { wrappedValidateZodStorage } from '../../renderer/data/zod-validate-storage'

let databases = 0

/** A client as the app builds one (zod-validated writes), on memory storage, products only. */
export async function benchDatabase(): Promise<ReeldeskDatabase> {
  databases += 1
  return createReeldeskDatabase({
    storage: wrappedValidateZodStorage({ storage: getRxStorageMemory() }),
    validate: false,
    name: `bench${databases}`,
    only: ['products'],
  })
}

export function replicate(
  db: ReeldeskDatabase,
  url: string,
  token: string,
  workspaceId: string,
): ReeldeskReplication {
  return startReplication({
    db,
    workspaceId,
    serverUrl: url,
    token: () => token,
    EventSource,
    retryTime: 200,
  })
}
