import { removeRxDatabase } from 'rxdb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { createReeldeskDatabase, type ReeldeskDatabase } from './database'
import { wrappedValidateZodStorage } from './zod-validate-storage'

/**
 * Opening, closing and removing workspace databases is serialised: the free RxDB build allows 13
 * open collections per page and a workspace has 10, so the previous workspace's database must be
 * closed first, and a database is never removed while it is being opened or closed.
 */
let lifecycle: Promise<unknown> = Promise.resolve()

export function serialized<T>(task: () => Promise<T>): Promise<T> {
  const run = lifecycle.then(task)
  lifecycle = run.catch(() => undefined)
  return run
}

/** RxDB database names: lower-case letter first, then letters, digits, - and _. */
export function databaseName(workspaceId: string): string {
  return `rd-${workspaceId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`
}

function storage() {
  // zod, not ajv: ajv compiles with new Function, which the CSP forbids.
  return wrappedValidateZodStorage({ storage: getRxStorageDexie() })
}

/** One workspace's local database in IndexedDB (Dexie), shared by the tabs of this origin. */
export function openWorkspaceDatabase(workspaceId: string): Promise<ReeldeskDatabase> {
  return createReeldeskDatabase({
    storage: storage(),
    validate: false,
    name: databaseName(workspaceId),
    multiInstance: true,
  })
}

/**
 * Removes a workspace's local copy from this device (the member was removed, or the workspace
 * deleted): documents, replication state and local documents. The database must be closed.
 */
export async function removeWorkspaceDatabase(workspaceId: string): Promise<void> {
  await removeRxDatabase(databaseName(workspaceId), storage(), true)
}
