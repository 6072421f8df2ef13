import { create } from 'zustand'
import type { StorageUsage } from '../../../../shared/blobs/protocol'
import type { BlobApi } from '../../../transfers/blob-api'

/** The workspace's storage on the sync server: used, quota, and where originals are kept. */
export interface StorageState {
  usage: StorageUsage | null
  /** Why the figures could not be read (offline); the last known ones stay shown. */
  error: string | null
  refresh(api: BlobApi, workspaceId: string): Promise<void>
  setKeepOriginalsLocal(api: BlobApi, workspaceId: string, keep: boolean): Promise<void>
  reset(): void
}

export const useStorage = create<StorageState>((set) => ({
  usage: null,
  error: null,
  async refresh(api, workspaceId) {
    try {
      set({ usage: await api.usage(workspaceId), error: null })
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) })
    }
  },
  async setKeepOriginalsLocal(api, workspaceId, keep) {
    set({ usage: await api.setKeepOriginalsLocal(workspaceId, keep), error: null })
  },
  reset() {
    set({ usage: null, error: null })
  },
}))
