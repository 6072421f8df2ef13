import { ArrowLeft } from 'lucide-react'
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type MutableRefObject,
  type ReactNode,
} from 'react'
import { Button } from 'react-aria-components'
import { useRxCollection } from 'rxdb/plugins/react'
import { useStore } from 'zustand'
import type { ProjectDoc } from '../../../shared/data/registry'
import { openProject, type ProjectStore } from './project/project-store'
import type { EditorCommand } from './project/shortcuts'
import { useMediaNames } from './project/use-media-names'
import { TimelineView } from './timeline/TimelineView'
import { useEditorShortcuts } from './use-editor-shortcuts'

export type PlaybackRef = MutableRefObject<((command: EditorCommand) => void) | null>

const SAVE_TEXT = { saved: 'All changes saved', saving: 'Saving…', failed: 'Not saved' } as const

function SaveStatus({ store }: { store: ProjectStore }) {
  const state = useStore(store, (s) => s.saveState)
  const error = useStore(store, (s) => s.saveError)
  return (
    <span
      role="status"
      aria-label={`Project: ${SAVE_TEXT[state]}${error ? `: ${error}` : ''}`}
      className="muted"
    >
      {SAVE_TEXT[state]}
    </span>
  )
}

interface ProjectEditorProps {
  projectId: string
  onClose(): void
  /**
   * The media panel, preview and export of this project (filled in by the editor page). The
   * preview puts its playback handler in `playback`, which the keyboard shortcuts call.
   */
  panels?: (store: ProjectStore, playback: PlaybackRef) => ReactNode
}

/** One open project: loads it once, saves every change back to the local database. */
export function ProjectEditor({ projectId, onClose, panels }: ProjectEditorProps) {
  const projects = useRxCollection<ProjectDoc>('projects')
  const [store, setStore] = useState<ProjectStore | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!projects) return
    let cancelled = false
    void projects
      .findOne(projectId)
      .exec()
      .then((found) => {
        if (cancelled) return
        if (!found)
          return setError(
            'This project no longer exists (it may have been deleted on another device).',
          )
        const opened = openProject(found.toJSON() as ProjectDoc, async (doc) => {
          await projects.upsert(doc)
        })
        if (opened.ok) setStore(opened.store)
        else setError(opened.message)
      })
    return () => {
      cancelled = true
    }
  }, [projects, projectId])

  // Leaving the editor writes what is still pending.
  useEffect(() => () => void store?.getState().flush(), [store])

  if (error) {
    return (
      <div className="page-stack">
        <p role="alert" className="form-error">
          {error}
        </p>
        <Button className="button" onPress={onClose}>
          Back to projects
        </Button>
      </div>
    )
  }
  if (!store) return <p className="loading">Opening project…</p>
  return <OpenProject store={store} onClose={onClose} panels={panels} />
}

function OpenProject({
  store,
  onClose,
  panels,
}: {
  store: ProjectStore
  onClose(): void
  panels: ProjectEditorProps['panels']
}) {
  const title = useStore(store, (s) => s.project.title)
  const workspaceId = useStore(store, (s) => s.project.workspaceId)
  const mediaNames = useMediaNames(workspaceId)
  const playback: PlaybackRef = useRef(null)
  const onPlayback = useCallback((command: EditorCommand) => playback.current?.(command), [])
  useEditorShortcuts(store, onPlayback)
  return (
    <div className="page-stack page-stack--wide">
      <div className="panel__header">
        <Button className="button" onPress={onClose} aria-label="Back to projects">
          <ArrowLeft aria-hidden="true" size={16} /> Projects
        </Button>
        <h2>{title}</h2>
        <SaveStatus store={store} />
      </div>
      {panels?.(store, playback)}
      <TimelineView store={store} mediaNames={mediaNames} />
    </div>
  )
}
