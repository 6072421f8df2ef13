import type { ReeldeskDatabase } from './database'

const LOCAL_ID = 'sync-seen'

/** The highest workspace seq this device has had from the server in the current epoch. */
export interface HighWater {
  get(): number
  raise(seq: number | null | undefined): void
}

/**
 * Remembers (in a local document, across restarts) how far into the server's sequence this device
 * has seen: its pulls and the acknowledgements of its own pushes. Each pull sends it, so a server
 * restored from an older backup notices even when this device had not pulled its own latest
 * writes back yet. A new epoch starts from zero: it is a fresh start with that server.
 */
export function createHighWater(db: ReeldeskDatabase, epoch: number): HighWater {
  let value = 0
  let writing: Promise<unknown> | null = null
  let dirty = false
  const loaded = db.getLocal<{ epoch: number; seq: number }>(LOCAL_ID).then((doc) => {
    const stored = doc?.toJSON().data
    if (stored && stored.epoch === epoch) value = Math.max(value, stored.seq)
  })
  const flush = () => {
    if (writing) {
      dirty = true
      return
    }
    writing = loaded
      .then(() => db.upsertLocal(LOCAL_ID, { epoch, seq: value }))
      .catch(() => undefined)
      .finally(() => {
        writing = null
        if (dirty && !db.closed) {
          dirty = false
          flush()
        }
      })
  }
  return {
    get: () => value,
    raise(seq) {
      if (typeof seq !== 'number' || seq <= value) return
      value = seq
      if (!db.closed) flush()
    },
  }
}
