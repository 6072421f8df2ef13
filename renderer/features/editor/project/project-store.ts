import { createStore } from 'zustand/vanilla'
import { uuidv7 } from '../../../../shared/data/ids'
import type { ProjectDoc } from '../../../../shared/data/registry'
import { splitClipAt } from '../../../../shared/timeline/edit'
import {
  TimelineError,
  describeIssues,
  timelineSchema,
  validateTimeline,
  type Timeline,
} from '../../../../shared/timeline/model'
import { existingItems, sameItem, type ItemRef } from '../../../../shared/timeline/selection'
import { timelineDurationMs } from '../../../../shared/timeline/time'
import {
  copyItems,
  isClipboardEmpty,
  pasteItems,
  removeItems,
  type TimelineClipboard,
} from '../../../../shared/timeline/timing-edit'
import { createAutosaver, type SaveState } from './autosave'
import { createHistory, record, redo, undo, type History, type RecordOptions } from './history'

export interface ProjectState {
  project: ProjectDoc
  history: History<Timeline>
  /**
   * A change being dragged: shown by the timeline while the pointer moves, recorded as one undo
   * step when it is dropped (commitDraft), forgotten on Escape (cancelDraft).
   */
  draft: Timeline | null
  /** Selected items, the most recently picked last (the inspector shows that one). */
  selection: readonly ItemRef[]
  playheadMs: number
  /** The last refused edit, in plain words. */
  error: string | null
  /**
   * Which control refused it (EditOptions.scope), so the message shows beside that control and
   * only once; null for edits made from the timeline or the keyboard (shown as a toast).
   */
  errorScope: string | null
  /** Bumped on every refusal, so the same message twice still shows twice. */
  errorSerial: number
  /** Why this member cannot change the project (read-only view), or null. */
  readOnlyReason: string | null
  saveState: SaveState
  saveError: string | null
  edit(label: string, change: (t: Timeline) => Timeline, options?: EditOptions): boolean
  undo(): void
  redo(): void
  /** Replaces the selection (an empty list clears it). */
  select(refs: readonly ItemRef[]): void
  /** Adds or removes one item (Ctrl/Cmd/Shift+click). */
  toggleSelected(ref: ItemRef): void
  seek(ms: number): void
  setDraft(timeline: Timeline | null): void
  /** Records the draft as one step (nothing when it is unchanged). */
  commitDraft(label: string): boolean
  splitAtPlayhead(): boolean
  deleteSelection(): boolean
  copySelection(): boolean
  cutSelection(): boolean
  paste(): boolean
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

export interface ProjectStoreOptions {
  now?: () => number
  readOnlyReason?: string | null
  newId?: () => string
}

/** Copied items outlive the project they came from: paste works in another project too. */
let clipboard: TimelineClipboard | null = null

export function clipboardHas(): boolean {
  return clipboard !== null && !isClipboardEmpty(clipboard)
}

/** The timeline shown: the one being dragged, else the present one. */
export function shownTimeline(s: Pick<ProjectState, 'draft' | 'history'>): Timeline {
  return s.draft ?? s.history.present.state
}

/** The item the inspector shows: the last one selected. */
export function primarySelection(s: Pick<ProjectState, 'selection'>): ItemRef | null {
  return s.selection.at(-1) ?? null
}

/**
 * One open project: its timeline with undo history, selection and playhead, saved after every
 * change (see autosave.ts). Edits go through the pure operations of shared/timeline, which
 * validate and explain refusals; a refused edit changes nothing and says why. A member who may
 * not change the project gets the same view with every edit refused by the reason.
 */
export function createProjectStore(
  project: ProjectDoc,
  timeline: Timeline,
  write: (doc: ProjectDoc) => Promise<void>,
  options: ProjectStoreOptions | (() => number) = {},
) {
  const opts: ProjectStoreOptions = typeof options === 'function' ? { now: options } : options
  const now = opts.now ?? Date.now
  const newId = opts.newId ?? uuidv7
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
    const refuse = (message: string, scope: string | null) => {
      set((s) => ({ error: message, errorScope: scope, errorSerial: s.errorSerial + 1 }))
      return false
    }
    const afterMove = (history: History<Timeline>) => {
      const t = history.present.state
      set({
        history,
        draft: null,
        error: null,
        errorScope: null,
        playheadMs: clampPlayhead(t, get().playheadMs),
        selection: existingItems(t, get().selection),
      })
      persist(t)
    }
    const apply = (label: string, next: Timeline, options: EditOptions = {}) => {
      if (next === get().history.present.state) return true
      afterMove(
        record(get().history, next, label, { coalesceKey: options.coalesceKey, now: now() }),
      )
      return true
    }

    return {
      project,
      history: createHistory(timeline),
      draft: null,
      selection: [],
      playheadMs: 0,
      error: null,
      errorScope: null,
      errorSerial: 0,
      readOnlyReason: opts.readOnlyReason ?? null,
      saveState: 'saved',
      saveError: null,

      edit(label, change, options = {}) {
        const readOnly = get().readOnlyReason
        if (readOnly) return refuse(readOnly, options.scope ?? null)
        let next: Timeline
        try {
          next = change(get().history.present.state)
        } catch (error) {
          if (error instanceof TimelineError)
            return refuse(error.userMessage, options.scope ?? null)
          throw error
        }
        return apply(label, next, options)
      },
      undo() {
        const h = get().history
        if (h.past.length && !get().readOnlyReason) afterMove(undo(h))
      },
      redo() {
        const h = get().history
        if (h.future.length && !get().readOnlyReason) afterMove(redo(h))
      },
      select(refs) {
        set({ selection: [...refs] })
      },
      toggleSelected(ref) {
        const current = get().selection
        set({
          selection: current.some((r) => sameItem(r, ref))
            ? current.filter((r) => !sameItem(r, ref))
            : [...current, ref],
        })
      },
      seek(ms) {
        set({ playheadMs: clampPlayhead(shownTimeline(get()), ms) })
      },
      setDraft(draft) {
        if (get().readOnlyReason) return
        set({ draft })
      },
      commitDraft(label) {
        const draft = get().draft
        set({ draft: null })
        if (!draft || get().readOnlyReason) return false
        if (draft === get().history.present.state) return true
        // Drafts are built without validation (see timing-edit `unvalidated`): check the drop.
        const checked = timelineSchema.safeParse(draft)
        if (!checked.success) return refuse(describeIssues(checked.error), null)
        return apply(label, checked.data)
      },
      splitAtPlayhead() {
        const at = get().playheadMs
        return get().edit('Split clip', (t) => splitClipAt(t, at, newId()))
      },
      deleteSelection() {
        const refs = get().selection
        if (refs.length === 0) return false
        const label =
          refs.length === 1 ? `Delete ${refs[0]?.kind ?? 'item'}` : `Delete ${refs.length} items`
        const done = get().edit(label, (t) => removeItems(t, refs))
        if (done) set({ selection: [] })
        return done
      },
      copySelection() {
        const refs = get().selection
        if (refs.length === 0) return false
        clipboard = copyItems(get().history.present.state, refs)
        return true
      },
      cutSelection() {
        return get().copySelection() && get().deleteSelection()
      },
      paste() {
        const copied = clipboard
        if (!copied || isClipboardEmpty(copied)) return false
        let pasted: ItemRef[] = []
        const done = get().edit('Paste', (t) => {
          const result = pasteItems(t, copied, get().playheadMs, newId)
          pasted = result.pasted
          return result.timeline
        })
        if (done) set({ selection: pasted })
        return done
      },
      rename(title) {
        if (get().readOnlyReason) return void refuse(get().readOnlyReason ?? '', 'title')
        persist(get().history.present.state, { title })
      },
      markExported(exportRef) {
        if (get().readOnlyReason) return
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
  options: ProjectStoreOptions = {},
): ProjectOpenResult {
  const checked = validateTimeline(project.timeline)
  if (!checked.ok)
    return { ok: false, message: `This project's timeline cannot be opened: ${checked.error}` }
  return { ok: true, store: createProjectStore(project, checked.timeline, write, options) }
}

export type ProjectStore = ReturnType<typeof createProjectStore>
