import { create } from 'zustand'

interface PublishIntent {
  /** A post another area just made, for the Publish area to open (then cleared). */
  openPostId: string | null
  open(postId: string): void
  clear(): void
}

/** "Publish…" in the editor hands its new post to the Publish area through this. */
export const usePublishIntent = create<PublishIntent>((set) => ({
  openPostId: null,
  open: (postId) => set({ openPostId: postId }),
  clear: () => set({ openPostId: null }),
}))
