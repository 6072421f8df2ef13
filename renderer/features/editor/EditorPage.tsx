import { useState } from 'react'
import { ProjectEditor } from './ProjectEditor'
import { ProjectsHome } from './projects/ProjectsHome'

/** The editor area: the project list, or one open project. */
export function EditorPage() {
  const [openId, setOpenId] = useState<string | null>(null)
  return openId ? (
    <ProjectEditor projectId={openId} onClose={() => setOpenId(null)} />
  ) : (
    <ProjectsHome onOpen={setOpenId} />
  )
}
