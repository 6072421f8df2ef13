import { ChevronsUpDown } from 'lucide-react'
import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components'
import { useSession } from './session-context'

/** Chooses the workspace the studio shows; each has its own local database. */
export function WorkspaceSwitcher() {
  const workspaces = useSession((s) => s.workspaces)
  const workspaceId = useSession((s) => s.workspaceId)
  const select = useSession((s) => s.selectWorkspace)
  return (
    <Select
      className="workspace-switcher"
      selectedKey={workspaceId}
      onSelectionChange={(key) => key !== null && select(String(key))}
    >
      <Label className="visually-hidden">Workspace</Label>
      <Button className="select-button">
        <SelectValue />
        <ChevronsUpDown aria-hidden="true" size={14} />
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {workspaces.map((w) => (
            <ListBoxItem key={w.id} id={w.id} textValue={w.name} className="listbox__item">
              {w.name}
              <span className="muted"> · {w.role}</span>
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  )
}
