import { useEffect } from 'react'
import { AREAS } from './areas'
import { useNavigation } from './navigation-store'

/** Ctrl+1…8 (Cmd on macOS) jumps to an area, as in most multi-pane desktop tools. */
export function useAreaShortcuts(): void {
  const go = useNavigation((s) => s.go)
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      const index = Number(event.key) - 1
      const area = AREAS[index]
      if (!area) return
      event.preventDefault()
      go(area.id)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [go])
}
