import { SelectField } from '../ui/SelectField'
import { useSession } from './session-context'

/** Chooses the workspace the studio shows; each has its own local database. */
export function WorkspaceSwitcher() {
  const workspaces = useSession((s) => s.workspaces)
  const workspaceId = useSession((s) => s.workspaceId)
  const select = useSession((s) => s.selectWorkspace)
  const byId = (id: string) => workspaces.find((w) => w.id === id)
  return (
    <SelectField
      className="workspace-switcher"
      label="Workspace"
      hideLabel
      value={workspaceId}
      options={workspaces.map((w) => w.id)}
      textOf={(id) => byId(id)?.name ?? id}
      labelOf={(id) => (
        <>
          {byId(id)?.name}
          <span className="muted workspace-switcher__role"> · {byId(id)?.role}</span>
        </>
      )}
      onChange={select}
    />
  )
}
