import { createStore, type StoreApi } from 'zustand/vanilla'
import type { MediaDoc } from '../../../../shared/data/collections/media'
import { createLogger } from '../../../../shared/logger'
import { MediaImportError, type MediaImportErrorCode } from './import-error'
import { importMedia, type ImportDeps, type ImportTarget, type ImportedMedia } from './import-media'

const log = createLogger('media-library')

export interface LibraryItem {
  readonly id: string
  readonly fileName: string
  readonly kind: MediaDoc['kind']
  readonly durationMs: number | null
  /** As displayed (rotation applied). */
  readonly width: number | null
  readonly height: number | null
  /** Object URL of the thumbnail; revoked when the store is disposed. */
  readonly thumbnailUrl: string | null
  readonly peaks: readonly number[] | null
}

export interface Refusal {
  readonly key: string
  readonly fileName: string
  readonly code: MediaImportErrorCode | 'unexpected'
  readonly message: string
}

export interface LibraryState {
  readonly items: readonly LibraryItem[]
  readonly refusals: readonly Refusal[]
  /** Files waiting or being read, in order; the first is the one being read. */
  readonly queue: readonly string[]
  /** Files finished in the current batch (for "2 of 5"). */
  readonly done: number
  importFiles(files: readonly File[]): Promise<void>
  dismissRefusal(key: string): void
  dispose(): void
}

export interface LibraryOptions extends ImportDeps {
  readonly target: ImportTarget
  /** Called once per accepted file, e.g. to insert the document into RxDB. */
  readonly onImported?: (imported: ImportedMedia) => void | Promise<void>
}

let refusalCounter = 0

function toRefusal(file: File, error: unknown): Refusal {
  refusalCounter += 1
  const key = `${refusalCounter}`
  if (error instanceof MediaImportError) {
    return { key, fileName: file.name, code: error.code, message: error.message }
  }
  log.error('import failed unexpectedly', { fileName: file.name, error: String(error) })
  return {
    key,
    fileName: file.name,
    code: 'unexpected',
    message: `“${file.name}” could not be imported because of an unexpected error.`,
  }
}

/**
 * The library panel's state. Files are read one at a time: each probe decodes frames and audio,
 * and several at once would multiply memory for no gain on a 2-core machine.
 */
export function createLibraryStore(options: LibraryOptions): StoreApi<LibraryState> {
  const urls = new Set<string>()
  let running: Promise<void> = Promise.resolve()
  const store = createStore<LibraryState>()((set, get) => ({
    items: [],
    refusals: [],
    queue: [],
    done: 0,
    importFiles(files) {
      if (files.length === 0) return running
      set((s) => ({
        queue: [...s.queue, ...files.map((f) => f.name)],
        done: s.queue.length === 0 ? 0 : s.done,
      }))
      running = running.then(async () => {
        for (const file of files) {
          try {
            const imported = await importMedia(file, options.target, options)
            await options.onImported?.(imported)
            const { doc, probe, previews } = imported
            const thumbnailUrl = previews.thumbnail ? URL.createObjectURL(previews.thumbnail) : null
            if (thumbnailUrl) urls.add(thumbnailUrl)
            const item: LibraryItem = {
              id: doc.id,
              fileName: doc.fileName,
              kind: doc.kind,
              durationMs: doc.durationMs,
              width: probe.displayWidth,
              height: probe.displayHeight,
              thumbnailUrl,
              peaks: previews.peaks,
            }
            set((s) => ({ items: [...s.items, item] }))
          } catch (error) {
            set((s) => ({ refusals: [...s.refusals, toRefusal(file, error)] }))
          } finally {
            set((s) => ({ queue: s.queue.slice(1), done: s.done + 1 }))
          }
        }
      })
      return running
    },
    dismissRefusal(key) {
      set({ refusals: get().refusals.filter((r) => r.key !== key) })
    },
    dispose() {
      for (const url of urls) URL.revokeObjectURL(url)
      urls.clear()
    },
  }))
  return store
}
