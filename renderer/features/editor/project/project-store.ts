import { createStore } from 'zustand/vanilla'
import type { ProjectDoc } from '../../../../shared/data/registry'
import { removeClip, splitClipAt } from '../../../../shared/timeline/edit'
import { TimelineError, validateTimeline, type Timeline } from '../../../../shared/timeline/model'
import { timelineDurationMs } from '../../../../shared/timeline/time'
import { createAutosaver, type SaveState } from './autosave'
import { createHistory, record, redo, undo, type History, type RecordOptions } from './history'

export interface ProjectState {
  project: ProjectDoc
  history: History<Timeline>
  selectedClipId: string | null
  playheadMs: number
  /** The last refused edit, in words (e.g. "splitClipAt: 1200 ms is not inside a clip"). */
  error: string | null
  /**
   * Which control refused it (EditOptions.scope), so the message shows beside that control and
   * only once; null for edits made from the timeline or the keyboard.
   */
  errorScope: string | null
  saveState: SaveState
  saveError: string | null
  edit(label: string, change: (t: Timeline) => Timeline, options?: EditOptions): boolean
  undo(): void
  redo(): void
  select(clipId: string | null): void
  seek(ms: number): void
  splitAtPlayhead(): boolean
  deleteSelection(): boolean
  rename(title: string): void
  /** Records a finished render on the project (when, and where the file is kept). */
  markExported(exportRef: string): void
  flush(): Promise<void>
}

export interface EditOptions extends Pick<RecordOptions, 'coalesceKey'> {
  /** Names the control making the edit: a refusal is shown there (see errorScope). */
  scope?: string
}

export type ProjectOpenResult =
  { ok: true; store: ReturnType<typeof createProjectStore> } | { ok: false; message: string }

/**
 * One open project: its timeline with undo history, selection and playhead, saved after every
 * change (see autosave.ts). Edits go through the pure operations of shared/timeline, which
 * validate and explain refusals; a refused edit changes nothing and says why.
 */
export function createProjectStore(
  project: ProjectDoc,
  timeline: Timeline,
  write: (doc: ProjectDoc) => Promise<void>,
  now: () => number = Date.now,
) {
  return createStore<ProjectState>()((set, get) => {
    const saver = createAutosaver<ProjectDoc>(write, (saveState, saveError) =>
      set({ saveState, saveError }),
    )
    const persist = (timelineNow: Timeline, extra: Partial<ProjectDoc> = {}) => {
      const doc: ProjectDoc = {
        ...get().project,
        ...extra,
        timeline: timelineNow,
        updatedAt: now(),
      }
      set({ project: doc })
      void saver.save(doc)
    }
    const clampPlayhead = (t: Timeline, ms: number) =>
      Math.min(Math.max(0, ms), timelineDurationMs(t))
    const afterMove = (history: History<Timeline>) => {
      const t = history.present.state
      const selected = get().selectedClipId
      set({
        history,
        error: null,
        errorScope: null,
        playheadMs: clampPlayhead(t, get().playheadMs),
        selectedClipId: selected && t.clips.some((c) => c.id === selected) ? selected : null,
      })
      persist(t)
    }

    return {
      project,
      history: createHistory(timeline),
      selectedClipId: null,
      playheadMs: 0,
      error: null,
      errorScope: null,
      saveState: 'saved',
      saveError: null,

      edit(label, change, { scope, coalesceKey } = {}) {
        const current = get().history.present.state
        let next: Timeline
        try {
          next = change(current)
        } catch (error) {
          if (error instanceof TimelineError) {
            set({ error: error.message, errorScope: scope ?? null })
            return false
          }
          throw error
        }
        afterMove(record(get().history, next, label, { coalesceKey, now: now() }))
        return true
      },
      undo() {
        const h = get().history
        if (h.past.length) afterMove(undo(h))
      },
      redo() {
        const h = get().history
        if (h.future.length) afterMove(redo(h))
      },
      select(clipId) {
        set({ selectedClipId: clipId })
      },
      seek(ms) {
        set({ playheadMs: clampPlayhead(get().history.present.state, ms) })
      },
      splitAtPlayhead() {
        return get().edit('Split clip', (t) => splitClipAt(t, get().playheadMs))
      },
      deleteSelection() {
        const id = get().selectedClipId
        if (!id) return false
        return get().edit('Delete clip', (t) => removeClip(t, id))
      },
      rename(title) {
        persist(get().history.present.state, { title })
      },
      markExported(exportRef) {
        persist(get().history.present.state, { exportRef, exportedAt: now() })
      },
      flush: () => saver.flush(),
    }
  })
}

/** Opens a stored project; a timeline that does not validate is reported, never overwritten. */
export function openProject(
  project: ProjectDoc,
  write: (doc: ProjectDoc) => Promise<void>,
): ProjectOpenResult {
  const checked = validateTimeline(project.timeline)
  if (!checked.ok)
    return { ok: false, message: `This project's timeline cannot be opened: ${checked.error}` }
  return { ok: true, store: createProjectStore(project, checked.timeline, write) }
}

export type ProjectStore = ReturnType<typeof createProjectStore>
