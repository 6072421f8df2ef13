import { useEffect } from 'react'
import type { createProjectStore } from './project/project-store'
import { commandForKey, type EditorCommand } from './project/shortcuts'

type ProjectStore = ReturnType<typeof createProjectStore>

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

/** Runs the editor's keyboard commands; playback commands go to `onPlayback` (the preview). */
export function useEditorShortcuts(
  store: ProjectStore,
  onPlayback: (command: EditorCommand) => void,
): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null
      const command = commandForKey({ ...pickKeys(event), target }, isMac)
      if (!command) return
      event.preventDefault()
      const state = store.getState()
      const frameMs = 1000 / state.history.present.state.fps
      switch (command) {
        case 'undo':
          return state.undo()
        case 'redo':
          return state.redo()
        case 'split':
          return void state.splitAtPlayhead()
        case 'deleteSelection':
          return void state.deleteSelection()
        case 'previousFrame':
          return state.seek(state.playheadMs - frameMs)
        case 'nextFrame':
          return state.seek(state.playheadMs + frameMs)
        default:
          return onPlayback(command)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store, onPlayback])
}

function pickKeys(event: KeyboardEvent) {
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    shiftKey: event.shiftKey,
    altKey: event.altKey,
  }
}
