import { ArrowLeft, Download, Pencil, Redo2, Undo2 } from 'lucide-react'
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type MutableRefObject,
  type ReactNode,
} from 'react'
import { Button, Input, TextField } from 'react-aria-components'
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels'
import { useRxCollection } from 'rxdb/plugins/react'
import { useStore } from 'zustand'
import { whyReadOnly } from '../../../shared/auth/explain'
import type { MediaDoc, ProjectDoc } from '../../../shared/data/registry'
import { HeaderPortal } from '../../app/header-slot'
import { useCurrentAccount } from '../../app/current-account-store'
import { showToast } from '../../app/toasts'
import { useTransfers } from '../../app/WorkspaceTransfers'
import { useWorkspaceMember } from '../../app/use-workspace-member'
import { ExportPanel } from './ExportPanel'
import { Inspector } from './Inspector'
import { mediaIdsOf } from './load-sources'
import { useLocalMedia } from './media/local-media-store'
import { MediaBin } from './media/MediaBin'
import { originalDownloads } from './media/media-transfers'
import { PreviewPanel } from './PreviewPanel'
import { redoLabel, undoLabel } from './project/history'
import { openProject, type ProjectStore } from './project/project-store'
import type { EditorCommand } from './project/shortcuts'
import { useMediaDocs } from './project/use-media-docs'
import { useMediaNames } from './project/use-media-names'
import { TimelineView } from './timeline/TimelineView'
import { useEditorShortcuts } from './use-editor-shortcuts'
import './editor-layout.css'

export type PlaybackRef = MutableRefObject<((command: EditorCommand) => void) | null>

const SAVE_TEXT = { saved: 'All changes saved', saving: 'Saving…', failed: 'Not saved' } as const

function SaveStatus({ store }: { store: ProjectStore }) {
  const state = useStore(store, (s) => s.saveState)
  const error = useStore(store, (s) => s.saveError)
  const readOnly = useStore(store, (s) => s.readOnlyReason !== null)
  return (
    <span
      role="status"
      aria-label={
        readOnly ? 'Project: read-only' : `Project: ${SAVE_TEXT[state]}${error ? `: ${error}` : ''}`
      }
      className={`save-status save-status--${readOnly ? 'read-only' : state}`}
    >
      {readOnly ? 'Read-only' : SAVE_TEXT[state]}
    </span>
  )
}

function ProjectTitle({ store }: { store: ProjectStore }) {
  const title = useStore(store, (s) => s.project.title)
  const readOnly = useStore(store, (s) => s.readOnlyReason !== null)
  const [editing, setEditing] = useState(false)
  if (editing) {
    return (
      <TextField
        aria-label="Project title"
        defaultValue={title}
        maxLength={200}
        autoFocus
        className="project-title__field"
        onKeyDown={(e) => {
          if (e.key === 'Escape') setEditing(false)
          if (e.key === 'Enter') {
            store
              .getState()
              .rename((e.target as HTMLInputElement).value.trim() || 'Untitled project')
            setEditing(false)
          }
        }}
        onBlur={(e) => {
          const value = (e.target as HTMLInputElement).value.trim()
          if (value && value !== title) store.getState().rename(value)
          setEditing(false)
        }}
      >
        <Input />
      </TextField>
    )
  }
  return (
    <div className="project-title">
      <h2 title={title}>{title}</h2>
      {readOnly ? null : (
        <Button
          className="icon-button icon-button--quiet"
          aria-label="Rename project"
          onPress={() => setEditing(true)}
        >
          <Pencil aria-hidden="true" size={13} />
        </Button>
      )}
    </div>
  )
}

/**
 * The project bar, in the app header: back to the projects, the title (rename in place), save
 * state, undo/redo and Export — always in view, whatever the panels' sizes.
 */
function EditorHeader({
  store,
  onClose,
  exportOpen,
  onExportToggle,
  exportStatus,
}: {
  store: ProjectStore
  onClose(): void
  exportOpen: boolean
  onExportToggle(): void
  exportStatus: string | null
}) {
  const history = useStore(store, (s) => s.history)
  const readOnly = useStore(store, (s) => s.readOnlyReason)
  const undoText = undoLabel(history)
  const redoText = redoLabel(history)
  return (
    <div className="editor-header">
      <Button className="button button--quiet" onPress={onClose} aria-label="Back to projects">
        <ArrowLeft aria-hidden="true" size={16} /> Projects
      </Button>
      <ProjectTitle store={store} />
      <SaveStatus store={store} />
      <span className="editor-header__spacer" />
      <Button
        className="icon-button"
        aria-label={undoText ? `Undo ${undoText}` : 'Undo'}
        isDisabled={!undoText || readOnly !== null}
        onPress={() => store.getState().undo()}
      >
        <Undo2 aria-hidden="true" size={16} />
      </Button>
      <Button
        className="icon-button"
        aria-label={redoText ? `Redo ${redoText}` : 'Redo'}
        isDisabled={!redoText || readOnly !== null}
        onPress={() => store.getState().redo()}
      >
        <Redo2 aria-hidden="true" size={16} />
      </Button>
      <Button
        className="button button--primary"
        aria-expanded={exportOpen}
        aria-controls="export-drawer"
        onPress={onExportToggle}
      >
        <Download aria-hidden="true" size={16} /> {exportStatus ?? 'Export'}
      </Button>
    </div>
  )
}

/** Refusals of timeline and keyboard edits, as toasts (control-scoped ones show beside them). */
function useRefusalToasts(store: ProjectStore) {
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.errorSerial !== prev.errorSerial && s.error && s.errorScope === null) {
          showToast({ title: s.error, tone: 'error' })
        }
      }),
    [store],
  )
}

/** Fetches the originals this project needs that are on the server but not on this device. */
function useNeededOriginals(store: ProjectStore) {
  const { queue } = useTransfers()
  const workspaceId = useStore(store, (s) => s.project.workspaceId)
  const timeline = useStore(store, (s) => s.history.present.state)
  const docs = useMediaDocs(workspaceId)
  const original = useLocalMedia((s) => s.original)
  const needed = mediaIdsOf(timeline).join(',')
  useEffect(() => {
    const wanted = needed
      .split(',')
      .map((id) => docs[id])
      .filter((d): d is MediaDoc => d !== undefined)
    for (const request of originalDownloads(wanted, { original, thumbnail: {} })) {
      queue.store.getState().enqueueDownload(request)
    }
  }, [needed, docs, original, queue])
}

function EditorWorkspace({ store, onClose }: { store: ProjectStore; onClose(): void }) {
  const workspaceId = useStore(store, (s) => s.project.workspaceId)
  const accountId = useStore(store, (s) => s.project.accountId)
  const readOnly = useStore(store, (s) => s.readOnlyReason)
  const mediaNames = useMediaNames(workspaceId)
  const mediaDocs = useMediaDocs(workspaceId)
  const playback: PlaybackRef = useRef(null)
  const onPlayback = useCallback((command: EditorCommand) => playback.current?.(command), [])
  const [exportOpen, setExportOpen] = useState(false)
  const [exportStatus, setExportStatus] = useState<string | null>(null)
  const columns = useDefaultLayout({ id: 'reeldesk-editor-columns', storage: localStorage })
  const rows = useDefaultLayout({ id: 'reeldesk-editor-rows', storage: localStorage })
  useEditorShortcuts(store, onPlayback)
  useRefusalToasts(store)
  useNeededOriginals(store)
  return (
    <div className="editor">
      <HeaderPortal>
        <EditorHeader
          store={store}
          onClose={onClose}
          exportOpen={exportOpen}
          onExportToggle={() => setExportOpen((open) => !open)}
          exportStatus={exportStatus}
        />
      </HeaderPortal>
      {readOnly ? (
        <p className="read-only-banner" role="note">
          {readOnly}
        </p>
      ) : null}
      <Group orientation="vertical" className="editor__rows" {...rows}>
        <Panel id="top" minSize="35%" className="editor__top">
          <Group orientation="horizontal" className="editor__columns" {...columns}>
            <Panel
              id="media"
              defaultSize="24%"
              minSize="180px"
              className="editor__panel editor__panel--media"
            >
              <MediaBin store={store} workspaceId={workspaceId} accountId={accountId} />
            </Panel>
            <Separator
              className="resize-handle resize-handle--vertical"
              aria-label="Resize the media panel"
            />
            <Panel id="preview" minSize="240px" className="editor__panel editor__panel--preview">
              <PreviewPanel store={store} playbackRef={playback} />
            </Panel>
            <Separator
              className="resize-handle resize-handle--vertical"
              aria-label="Resize the inspector"
            />
            <Panel
              id="inspector"
              defaultSize="26%"
              minSize="220px"
              className="editor__panel editor__panel--inspector"
            >
              <Inspector store={store} />
            </Panel>
          </Group>
        </Panel>
        <Separator
          className="resize-handle resize-handle--horizontal"
          aria-label="Resize the timeline"
        />
        <Panel
          id="timeline"
          defaultSize="31%"
          minSize="150px"
          className="editor__panel editor__panel--timeline"
        >
          <TimelineView store={store} mediaNames={mediaNames} mediaDocs={mediaDocs} />
        </Panel>
      </Group>
      <div id="export-drawer" className="export-drawer" hidden={!exportOpen}>
        <ExportPanel
          store={store}
          onStatus={setExportStatus}
          onClose={() => setExportOpen(false)}
        />
      </div>
    </div>
  )
}

interface ProjectEditorProps {
  projectId: string
  onClose(): void
  /** Test seam: what to render instead of the panels (unit tests of the loading states). */
  children?: (store: ProjectStore) => ReactNode
}

/**
 * One open project: loads it once, saves every change back to the local database, and follows
 * the member's permissions (a read-only view with the reason for those who may not edit it).
 */
export function ProjectEditor({ projectId, onClose, children }: ProjectEditorProps) {
  const projects = useRxCollection<ProjectDoc>('projects')
  const { member } = useWorkspaceMember()
  const { accounts } = useCurrentAccount()
  const [store, setStore] = useState<ProjectStore | null>(null)
  const [error, setError] = useState<string | null>(null)
  const memberRef = useRef(member)
  memberRef.current = member
  const accountsRef = useRef(accounts)
  accountsRef.current = accounts

  const reasonFor = useCallback((doc: ProjectDoc) => {
    const handle = accountsRef.current.find((a) => a.id === doc.accountId)?.handle
    return whyReadOnly(memberRef.current, 'projects', doc, handle ? `@${handle}` : undefined)
  }, [])

  useEffect(() => {
    if (!projects) return
    let cancelled = false
    void projects
      .findOne(projectId)
      .exec()
      .then((found) => {
        if (cancelled) return
        if (!found || found.get('trashedAt') !== null)
          return setError(
            'This project no longer exists (it may have been deleted on another device).',
          )
        const doc = found.toJSON() as ProjectDoc
        const opened = openProject(
          doc,
          async (next) => {
            await projects.upsert(next)
          },
          { readOnlyReason: reasonFor(doc) },
        )
        if (opened.ok) setStore(opened.store)
        else setError(opened.message)
      })
    return () => {
      cancelled = true
    }
  }, [projects, projectId, reasonFor])

  // A role or account assignment changed while the project is open: follow it at once.
  useEffect(() => {
    if (store) store.setState({ readOnlyReason: reasonFor(store.getState().project) })
  }, [store, member, accounts, reasonFor])

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
  return children ? <>{children(store)}</> : <EditorWorkspace store={store} onClose={onClose} />
}
