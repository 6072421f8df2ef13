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

/** Workspaces whose database is open in this tab, and those to remove once it closes. */
const open = new Set<string>()
const purgeOnClose = new Set<string>()

/**
 * One workspace's local database in IndexedDB (Dexie), shared by the tabs of this origin. Call
 * inside `serialized`, and close it with `closeWorkspaceDatabase`.
 */
export async function openWorkspaceDatabase(workspaceId: string): Promise<ReeldeskDatabase> {
  const db = await createReeldeskDatabase({
    storage: storage(),
    validate: false,
    name: databaseName(workspaceId),
    multiInstance: true,
  })
  open.add(workspaceId)
  return db
}

/** Closes it (inside `serialized`), then removes it if a purge was asked for meanwhile. */
export async function closeWorkspaceDatabase(
  db: ReeldeskDatabase,
  workspaceId: string,
): Promise<void> {
  await db.close()
  open.delete(workspaceId)
  if (purgeOnClose.delete(workspaceId)) await removeWorkspaceDatabase(workspaceId)
}

/**
 * Removes a workspace's local copy as soon as nothing in this tab uses it: now if it is closed,
 * else when its database closes (the studio is switching away from it).
 */
export function purgeWorkspace(workspaceId: string): Promise<void> {
  return serialized(async () => {
    if (open.has(workspaceId)) purgeOnClose.add(workspaceId)
    else await removeWorkspaceDatabase(workspaceId)
  })
}

/**
 * Removes a workspace's local copy from this device (the member was removed, or the workspace
 * deleted): documents, replication state and local documents. The database must be closed.
 */
export async function removeWorkspaceDatabase(workspaceId: string): Promise<void> {
  const name = databaseName(workspaceId)
  await removeRxDatabase(name, storage(), true)
  // RxDB's Dexie storage empties its IndexedDB databases but leaves them (named after the
  // workspace) behind: delete them too, so nothing of the workspace stays on the device.
  if (typeof indexedDB === 'undefined' || !('databases' in indexedDB)) return
  const prefix = `rxdb-dexie-${name}--`
  const all = await indexedDB.databases()
  await Promise.all(
    all
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith(prefix))
      .map(
        (n) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(n)
            request.onsuccess = () => resolve()
            request.onerror = () => resolve()
            // Another tab still holding it open: it goes when that tab lets go.
            request.onblocked = () => resolve()
          }),
      ),
  )
}
