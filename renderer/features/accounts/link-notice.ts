import { create } from 'zustand'

/** The accounts page's message about the last link attempt (it may finish on another screen). */
export interface LinkNotice {
  tone: 'ok' | 'error'
  text: string
}

export const useLinkNotice = create<{
  notice: LinkNotice | null
  show(n: LinkNotice | null): void
}>((set) => ({ notice: null, show: (notice) => set({ notice }) }))
