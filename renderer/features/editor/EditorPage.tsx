import { useState } from 'react'
import { useStore } from 'zustand'
import { ExportPanel } from './ExportPanel'
import { Inspector } from './Inspector'
import { PreviewPanel } from './PreviewPanel'
import { ProjectEditor, type PlaybackRef } from './ProjectEditor'
import { ProjectList } from './ProjectList'
import { ProjectMedia } from './ProjectMedia'
import type { createProjectStore } from './project/project-store'

type ProjectStore = ReturnType<typeof createProjectStore>

function EditorPanels({ store, playback }: { store: ProjectStore; playback: PlaybackRef }) {
  const workspaceId = useStore(store, (s) => s.project.workspaceId)
  const accountId = useStore(store, (s) => s.project.accountId)
  return (
    <div className="editor-panels">
      <ProjectMedia store={store} workspaceId={workspaceId} accountId={accountId} />
      <PreviewPanel store={store} playbackRef={playback} />
      <div className="editor-panels__side">
        <Inspector store={store} />
        <ExportPanel store={store} />
      </div>
    </div>
  )
}

/** The editor area: the project list, or one open project with its media, timeline and export. */
export function EditorPage() {
  const [openId, setOpenId] = useState<string | null>(null)
  return openId ? (
    <ProjectEditor
      projectId={openId}
      onClose={() => setOpenId(null)}
      panels={(store, playback) => <EditorPanels store={store} playback={playback} />}
    />
  ) : (
    <ProjectList onOpen={setOpenId} />
  )
}
