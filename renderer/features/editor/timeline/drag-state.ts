import { create } from 'zustand'

/**
 * What the pointer is doing on the timeline right now, for what is drawn on top of the items
 * (a clip following the pointer, where it will land, the snap line). Kept apart from the project
 * store so a drag re-renders only what moves, not all the lanes.
 */
export interface TimelineDragState {
  /** The main-track clip being reordered and how far it has moved (px). */
  reorder: { clipId: string; dx: number; insertAtPx: number } | null
  /** Where the dragged edge or item snapped (timeline ms), for the snap line. */
  snapAtMs: number | null
  set(patch: Partial<Omit<TimelineDragState, 'set'>>): void
}

export const useTimelineDrag = create<TimelineDragState>((set) => ({
  reorder: null,
  snapAtMs: null,
  set: (patch) => set(patch),
}))

/**
 * Runs `work` at most once per animation frame with the latest arguments: pointer events come
 * faster than frames, and each draft edit validates the whole timeline.
 */
export function perFrame<A extends unknown[]>(work: (...args: A) => void) {
  let pending: A | null = null
  let handle: number | null = null
  const run = () => {
    handle = null
    const args = pending
    pending = null
    if (args) work(...args)
  }
  return {
    schedule(...args: A) {
      pending = args
      handle ??= requestAnimationFrame(run)
    },
    /** Runs what is pending now (before a drop commits). */
    flush() {
      if (handle !== null) cancelAnimationFrame(handle)
      run()
    },
    cancel() {
      if (handle !== null) cancelAnimationFrame(handle)
      handle = null
      pending = null
    },
  }
}
