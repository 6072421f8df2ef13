import { create } from 'zustand'

interface EditorIntent {
  /** A project another area asked to open (a deal's deliverable), for the editor to open. */
  openProjectId: string | null
  open(projectId: string): void
  clear(): void
}

/** Other areas hand the editor a project to open through this (then it is cleared). */
export const useEditorIntent = create<EditorIntent>((set) => ({
  openProjectId: null,
  open: (projectId) => set({ openProjectId: projectId }),
  clear: () => set({ openProjectId: null }),
}))
