import { create } from 'zustand'

/**
 * What this device holds of each media item (originals and thumbnails), checked against its
 * file store, plus object URLs of the thumbnails for the bin. One workspace at a time: reset
 * when another opens.
 */
export interface LocalMediaState {
  original: Record<string, boolean>
  thumbnail: Record<string, boolean>
  /** Object URLs of thumbnails on this device. */
  thumbUrls: Record<string, string>
  markOriginal(id: string, present: boolean): void
  markThumbnail(id: string, blob: Blob | null): void
  reset(): void
}

export const useLocalMedia = create<LocalMediaState>((set, get) => ({
  original: {},
  thumbnail: {},
  thumbUrls: {},
  markOriginal(id, present) {
    if (get().original[id] === present) return
    set((s) => ({ original: { ...s.original, [id]: present } }))
  },
  markThumbnail(id, blob) {
    const previous = get().thumbUrls[id]
    if (previous) URL.revokeObjectURL(previous)
    const urls = { ...get().thumbUrls }
    if (blob) urls[id] = URL.createObjectURL(blob)
    else delete urls[id]
    set((s) => ({ thumbnail: { ...s.thumbnail, [id]: blob !== null }, thumbUrls: urls }))
  },
  reset() {
    for (const url of Object.values(get().thumbUrls)) URL.revokeObjectURL(url)
    set({ original: {}, thumbnail: {}, thumbUrls: {} })
  },
}))
