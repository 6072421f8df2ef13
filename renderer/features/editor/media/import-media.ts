import type { MediaDoc } from '../../../../shared/data/collections/media'
import { createUuidV7Generator } from '../../../../shared/data/ids'
import { createLogger } from '../../../../shared/logger'
import { MediaImportError } from './import-error'
import { formatBytes } from './limits'
import { buildMediaDoc } from './media-doc'
import type { MediaFileStore } from './media-store'
import { analyzeMedia } from './probe'
import type { ImportPreviews, ProbeResult } from './probe-result'

const log = createLogger('media-import')
const defaultNewId = createUuidV7Generator()

export interface ImportTarget {
  readonly workspaceId: string
  /** Null = the workspace's shared library. */
  readonly accountId: string | null
}

export interface ImportDeps {
  readonly store: MediaFileStore
  readonly newId?: () => string
  readonly now?: () => number
}

export interface ImportedMedia {
  /** Ready to insert into the `media` collection (validated against its schema). */
  readonly doc: MediaDoc
  readonly probe: ProbeResult
  readonly previews: ImportPreviews
}

/**
 * One file: analyse (refusing with a MediaImportError), then keep the original and thumbnail on
 * this device, then build the document. Storage comes last so a refused file costs no space,
 * and a failed store removes whatever it wrote. A file the store already holds (picked with the
 * desktop's native dialog, copied in by main) keeps its id and is not stored twice; if it is
 * refused, its copy is removed.
 */
export async function importMedia(
  file: File,
  target: ImportTarget,
  deps: ImportDeps,
  signal?: AbortSignal,
): Promise<ImportedMedia> {
  const fileName = file.name || 'untitled'
  const storedId = deps.store.storedId?.(file) ?? null
  let analysed: Awaited<ReturnType<typeof analyzeMedia>>
  try {
    analysed = await analyzeMedia(file, fileName, signal)
    signal?.throwIfAborted()
  } catch (error) {
    if (storedId) await deps.store.remove(storedId).catch(() => undefined)
    throw error
  }
  const { probe, previews } = analysed

  if (!storedId) {
    const available = await deps.store.available().catch(() => null)
    if (available !== null && available < file.size) {
      throw new MediaImportError('storage-full', fileName, { actual: formatBytes(file.size) })
    }
  }
  const id = storedId ?? (deps.newId ?? defaultNewId)()
  try {
    if (!storedId) await deps.store.saveOriginal(id, file)
    if (previews.thumbnail) await deps.store.saveThumbnail(id, previews.thumbnail)
  } catch (error) {
    await deps.store.remove(id).catch(() => undefined)
    const full = error instanceof DOMException && error.name === 'QuotaExceededError'
    log.warn('storing media failed', { fileName, error: String(error) })
    throw new MediaImportError(
      full ? 'storage-full' : 'storage-failed',
      fileName,
      {},
      { cause: error },
    )
  }
  const doc = buildMediaDoc(probe, {
    id,
    workspaceId: target.workspaceId,
    accountId: target.accountId,
    now: (deps.now ?? Date.now)(),
  })
  log.info('media imported', { id, kind: probe.kind, sizeBytes: probe.sizeBytes })
  return { doc, probe, previews }
}
