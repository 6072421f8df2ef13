import { useEffect } from 'react'
import { timelineDurationMs } from '../../../shared/timeline/time'
import type { ItemRef } from '../../../shared/timeline/selection'
import { useEditorPrefs } from './editor-prefs'
import type { ProjectStore } from './project/project-store'
import { commandForKey, type EditorCommand } from './project/shortcuts'
import { clampZoom } from './timeline/timeline-layout'

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
      const t = state.history.present.state
      const frameMs = 1000 / t.fps
      const zoom = (factor: number) =>
        useEditorPrefs
          .getState()
          .set({ pxPerSecond: clampZoom(useEditorPrefs.getState().pxPerSecond * factor) })
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
        case 'previousSecond':
          return state.seek(state.playheadMs - 1000)
        case 'nextSecond':
          return state.seek(state.playheadMs + 1000)
        case 'toStart':
          return state.seek(0)
        case 'toEnd':
          return state.seek(timelineDurationMs(t))
        case 'deselect':
          return state.select([])
        case 'copy':
          return void state.copySelection()
        case 'cut':
          return void state.cutSelection()
        case 'paste':
          return void state.paste()
        case 'selectAll': {
          const all: ItemRef[] = [
            ...t.clips.map((c) => ({ kind: 'clip' as const, id: c.id })),
            ...t.overlays.map((o) => ({ kind: 'overlay' as const, id: o.id })),
            ...t.texts.map((x) => ({ kind: 'text' as const, id: x.id })),
            ...t.images.map((x) => ({ kind: 'image' as const, id: x.id })),
          ]
          return state.select(all)
        }
        case 'zoomIn':
          return zoom(1.5)
        case 'zoomOut':
          return zoom(1 / 1.5)
        case 'toggleMute': {
          const prefs = useEditorPrefs.getState()
          return prefs.set({ previewMuted: !prefs.previewMuted })
        }
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
