/**
 * The composer's local copy of a post and when it is written (the logic of use-local-draft.ts,
 * apart from React so it can be tested with fake timers).
 *
 * The copy is shown while the user types and written SAVE_AFTER_MS after the last change. It is
 * dropped — the stored document shown again, with what the server or another member changed —
 * only once the stored document has caught up with the last write (its `updatedAt` at or after
 * the moment that write began: the save stamps it then). Dropping it as soon as the write
 * resolved showed the stored document from before the write until the live query delivered the
 * new one, a window that grows on a loaded machine: an edit made in it (tagging a product) was
 * built on the old copy and wrote the old caption back over the one just typed.
 */
export const SAVE_AFTER_MS = 250

export interface Draftable {
  readonly id: string
  readonly updatedAt: number
}

export class DraftKeeper<D extends Draftable> {
  private pending: { doc: D; timer: ReturnType<typeof setTimeout> } | null = null
  /** When the last write began, until the stored document shows it (null: nothing awaited). */
  private savedAt: number | null = null
  private stored: D | null = null

  constructor(
    /** Called with the copy to show, or null to show the stored document. */
    private readonly setLocal: (doc: D | null) => void,
    private save: (doc: D) => Promise<void>,
  ) {}

  /** The latest save function (it closes over the page's current state). */
  setSave(save: (doc: D) => Promise<void>): void {
    this.save = save
  }

  /** A change by the user: shown at once, written after a pause in typing. */
  change(next: D): void {
    this.setLocal(next)
    if (this.pending) clearTimeout(this.pending.timer)
    const timer = setTimeout(() => {
      this.pending = null
      this.write(next)
    }, SAVE_AFTER_MS)
    this.pending = { doc: next, timer }
  }

  /** Writes a waiting change now (the post changes, the page closes). */
  flush(): void {
    const p = this.pending
    if (!p) return
    clearTimeout(p.timer)
    this.pending = null
    this.write(p.doc)
  }

  /** The stored document changed (the live query). */
  storedChanged(stored: D | null): void {
    this.stored = stored
    this.dropIfCaughtUp()
  }

  private write(doc: D): void {
    this.savedAt = Date.now()
    void this.save(doc).then(() => this.dropIfCaughtUp())
  }

  private dropIfCaughtUp(): void {
    if (this.pending) return
    if (this.savedAt !== null && (this.stored?.updatedAt ?? -Infinity) < this.savedAt) return
    this.savedAt = null
    this.setLocal(null)
  }
}
