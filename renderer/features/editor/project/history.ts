/**
 * Undo history of immutable snapshots (the timeline is immutable: each edit returns a new one,
 * sharing unchanged parts, so keeping hundreds of steps is cheap). Edits with the same coalescing
 * key within a short window (a slider being dragged, a clip being trimmed) form one step.
 */
export interface Step<T> {
  state: T
  label: string
}

export interface History<T> {
  past: readonly Step<T>[]
  present: Step<T>
  future: readonly Step<T>[]
  /** Coalescing: the key and time of the last recorded edit. */
  lastKey: string | null
  lastAt: number
}

export const DEFAULT_HISTORY_LIMIT = 200
export const COALESCE_WINDOW_MS = 600

export function createHistory<T>(state: T, label = 'Open project'): History<T> {
  return { past: [], present: { state, label }, future: [], lastKey: null, lastAt: 0 }
}

export interface RecordOptions {
  /** Edits sharing a key within COALESCE_WINDOW_MS replace each other instead of stacking. */
  coalesceKey?: string
  now?: number
  limit?: number
}

export function record<T>(
  history: History<T>,
  state: T,
  label: string,
  options: RecordOptions = {},
): History<T> {
  const now = options.now ?? Date.now()
  const limit = options.limit ?? DEFAULT_HISTORY_LIMIT
  const coalesce =
    options.coalesceKey !== undefined &&
    options.coalesceKey === history.lastKey &&
    now - history.lastAt <= COALESCE_WINDOW_MS &&
    history.future.length === 0
  const past = coalesce ? history.past : [...history.past, history.present].slice(-limit)
  return {
    past,
    present: { state, label },
    future: [],
    lastKey: options.coalesceKey ?? null,
    lastAt: now,
  }
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1)
  if (!previous) return history
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: null,
    lastAt: 0,
  }
}

export function redo<T>(history: History<T>): History<T> {
  const next = history.future[0]
  if (!next) return history
  return {
    past: [...history.past, history.present],
    present: next,
    future: history.future.slice(1),
    lastKey: null,
    lastAt: 0,
  }
}

/** What the Undo/Redo menu items say ("Undo Split clip"), or null when there is nothing to do. */
export function undoLabel<T>(history: History<T>): string | null {
  return history.past.length ? history.present.label : null
}

export function redoLabel<T>(history: History<T>): string | null {
  return history.future[0]?.label ?? null
}
