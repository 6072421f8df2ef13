import { create } from 'zustand'
import { persist } from 'zustand/middleware'

/** How this person likes the editor, remembered on this device. */
export interface EditorPrefs {
  /** Items snap to the playhead, edges and markers while dragged. */
  snapping: boolean
  /** The platform's interface areas drawn over the preview. */
  safeZone: boolean
  /** Timeline zoom, pixels per second. */
  pxPerSecond: number
  /** The preview's sound level, 0..1, and whether it is muted (the export is not affected). */
  previewVolume: number
  previewMuted: boolean
  set(patch: Partial<Omit<EditorPrefs, 'set'>>): void
}

export const useEditorPrefs = create<EditorPrefs>()(
  persist(
    (set) => ({
      snapping: true,
      safeZone: true,
      pxPerSecond: 80,
      previewVolume: 1,
      previewMuted: false,
      set: (patch) => set(patch),
    }),
    { name: 'reeldesk-editor-prefs' },
  ),
)
