import type { TransferJob } from '../transfer-job'
import type { PartialStore, TransferPersistence } from '../transfer-storage'

/** In memory, for tests: what the queue saved, readable by the test. */
export function memoryPersistence(): TransferPersistence & { data: Map<string, TransferJob[]> } {
  const data = new Map<string, TransferJob[]>()
  return {
    data,
    load: async (workspaceId) => structuredClone(data.get(workspaceId) ?? []),
    save: async (workspaceId, jobs) => void data.set(workspaceId, structuredClone([...jobs])),
  }
}

/** Partial downloads in memory, for tests. */
export function memoryPartials(): PartialStore {
  const parts = new Map<string, Blob[]>()
  return {
    size: async (jobId) => (parts.get(jobId) ?? []).reduce((n, b) => n + b.size, 0),
    append: async (jobId, bytes) => void parts.set(jobId, [...(parts.get(jobId) ?? []), bytes]),
    read: async (jobId) => new Blob(parts.get(jobId) ?? []),
    remove: async (jobId) => void parts.delete(jobId),
  }
}
