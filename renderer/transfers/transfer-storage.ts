import { createStore, get, set } from 'idb-keyval'
import type { TransferJob } from './transfer-job'

/** Where the queue keeps its jobs between app starts. */
export interface TransferPersistence {
  load(workspaceId: string): Promise<TransferJob[]>
  save(workspaceId: string, jobs: readonly TransferJob[]): Promise<void>
}

/**
 * What a download has fetched so far, kept on the device so it resumes after a restart instead
 * of starting over.
 */
export interface PartialStore {
  size(jobId: string): Promise<number>
  append(jobId: string, bytes: Blob): Promise<void>
  read(jobId: string): Promise<Blob>
  remove(jobId: string): Promise<void>
}

/** IndexedDB (idb-keyval): a small list per workspace. */
export function indexedDbPersistence(): TransferPersistence {
  const store = createStore('reeldesk-transfers', 'jobs')
  return {
    load: async (workspaceId) => (await get<TransferJob[]>(workspaceId, store)) ?? [],
    save: (workspaceId, jobs) => set(workspaceId, [...jobs], store),
  }
}

/** Job ids hold ':' and other characters a file name should not: name partial files by a hash. */
function fileName(jobId: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < jobId.length; i++) h = Math.imul(h ^ jobId.charCodeAt(i), 0x01000193)
  return `${(h >>> 0).toString(16)}-${jobId.length}-${jobId.replace(/[^A-Za-z0-9-]/g, '_').slice(-80)}.part`
}

/** Partial downloads in the origin private file system (web and desktop renderers alike). */
export function opfsPartials(): PartialStore {
  const folder = async () =>
    (await navigator.storage.getDirectory()).getDirectoryHandle('downloads', { create: true })
  const handle = async (jobId: string, create: boolean) =>
    (await folder()).getFileHandle(fileName(jobId), { create })
  return {
    async size(jobId) {
      try {
        return (await (await handle(jobId, false)).getFile()).size
      } catch {
        return 0
      }
    },
    async append(jobId, bytes) {
      const file = await handle(jobId, true)
      const writable = await file.createWritable({ keepExistingData: true })
      try {
        await writable.seek((await file.getFile()).size)
        await writable.write(bytes)
        await writable.close()
      } catch (error) {
        await writable.abort().catch(() => undefined)
        throw error
      }
    },
    read: async (jobId) => (await handle(jobId, false)).getFile(),
    async remove(jobId) {
      await (await folder()).removeEntry(fileName(jobId)).catch(() => undefined)
    },
  }
}
