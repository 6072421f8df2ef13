import { useEffect, useState } from 'react'
import { ProjectEditor } from './ProjectEditor'
import { useEditorIntent } from './editor-intent'
import { ProjectsHome } from './projects/ProjectsHome'

/** The editor area: the project list, or one open project. */
export function EditorPage() {
  const [openId, setOpenId] = useState<string | null>(null)
  // Another area (a deal's deliverable) may ask for a project: open it, once.
  const asked = useEditorIntent((s) => s.openProjectId)
  useEffect(() => {
    if (asked === null) return
    setOpenId(asked)
    useEditorIntent.getState().clear()
  }, [asked])
  return openId ? (
    <ProjectEditor projectId={openId} onClose={() => setOpenId(null)} />
  ) : (
    <ProjectsHome onOpen={setOpenId} />
  )
}
