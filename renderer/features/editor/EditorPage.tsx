import { Clapperboard } from 'lucide-react'
import { EmptyState } from '../../ui/EmptyState'

export function EditorPage() {
  return (
    <EmptyState
      icon={Clapperboard}
      title="No projects yet"
      availability="Import and editing arrive with the editor; this build has the studio frame only."
    >
      Projects you start appear here: import clips, trim and split them, add text, effects and
      music, and export a 9:16 video rendered on this device.
    </EmptyState>
  )
}
