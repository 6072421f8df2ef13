import { createLogger } from '../../shared/logger'
import type { Database } from '../db/connect'
import type { BlobStore } from './blob-store'
import { collectGarbage } from './garbage'

const log = createLogger('blob-gc')

/** First run a while after start (not competing with start-up), then every six hours. */
const FIRST_RUN_MS = 5 * 60_000
const EVERY_MS = 6 * 60 * 60_000

/** Runs blob garbage collection in the background; returns the function that stops it. */
export function scheduleGarbageCollection(database: Database, store: BlobStore): () => void {
  let running: Promise<unknown> | null = null
  const run = () => {
    running ??= collectGarbage(database, store)
      .catch((error: unknown) =>
        log.error('blob garbage collection failed', { error: String(error) }),
      )
      .finally(() => {
        running = null
      })
  }
  const first = setTimeout(run, FIRST_RUN_MS)
  const every = setInterval(run, EVERY_MS)
  first.unref()
  every.unref()
  return () => {
    clearTimeout(first)
    clearInterval(every)
  }
}
