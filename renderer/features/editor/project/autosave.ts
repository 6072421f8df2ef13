/**
 * Saves the latest version after every change, one write at a time: while a save runs, further
 * changes only mark the project dirty, and the newest state is written when the running save
 * ends. So a crash loses at most the change being written, and saves never pile up or race.
 */
export type SaveState = 'saved' | 'saving' | 'failed'

export interface Autosaver<T> {
  /** Schedules `value` to be saved (replacing any not-yet-written value). */
  save(value: T): Promise<void>
  /** Resolves when nothing is waiting or being written. */
  flush(): Promise<void>
}

export function createAutosaver<T>(
  write: (value: T) => Promise<void>,
  onState: (state: SaveState, error: string | null) => void,
): Autosaver<T> {
  let pending: { value: T } | null = null
  let running: Promise<void> | null = null

  const drain = async () => {
    while (pending) {
      const { value } = pending
      pending = null
      onState('saving', null)
      try {
        await write(value)
        if (!pending) onState('saved', null)
      } catch (error) {
        // Keep the unsaved value so the next change (or flush) retries it.
        pending ??= { value }
        onState('failed', error instanceof Error ? error.message : String(error))
        return
      }
    }
  }

  const start = (): Promise<void> => {
    running ??= drain().finally(() => {
      running = null
    })
    return running
  }

  return {
    save(value) {
      pending = { value }
      return start()
    },
    async flush() {
      while (pending || running) {
        if (running) await running
        else if (pending) {
          await start()
          // A failed write leaves `pending` set; stop instead of retrying in a tight loop.
          if (pending) return
        }
      }
    },
  }
}
