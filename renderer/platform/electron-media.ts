import type { IpcClient } from '../../shared/ipc/contract'
import { IpcError } from '../../shared/ipc/envelope'
import {
  desktopExportRef,
  mediaOriginalPath,
  mediaThumbnailPath,
} from '../../shared/ipc/media-files'
import type { MediaFileStore } from '../features/editor/media/media-store'
import type { ExportSaveResult, PickedMedia } from './platform'
import { sendInPieces } from './send-in-pieces'

/** How stored files are read: the page's fetch (app://reeldesk/@media/…); a fake in tests. */
export type FetchStored = (path: string, init?: RequestInit) => Promise<Response>

/**
 * Originals read back recently, so the preview's reload after every edit does not read each
 * clip from disk again. Blobs are cheap handles (Chromium pages large ones to disk); the cap
 * bounds how many stay alive.
 */
const CACHED_ORIGINALS = 16

/**
 * A name main accepts (it only uses the extension): a browser's File name has no separators,
 * but nothing promises it has no control characters or is not `..`.
 */
export function uploadName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const cleaned = name.replace(/[/\\\u0000-\u001f\u007f]/g, '_').slice(0, 1024)
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'untitled' : cleaned
}

/**
 * A full disk in main arrives as NO_SPACE; the import turns a QuotaExceededError into its
 * "not enough free space" message, the same one OPFS's quota gives on the web.
 */
async function mapNoSpace<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (error) {
    if (error instanceof IpcError && error.code === 'NO_SPACE') {
      throw new DOMException(error.message, 'QuotaExceededError')
    }
    throw error
  }
}

/**
 * The desktop's media and export storage, through the IPC bridge: bytes go to main in pieces by id,
 * and come back through the app:// protocol (streamed, with ranges). The renderer never sees or
 * names a path.
 */
export function createElectronMedia(
  ipc: IpcClient,
  fetchStored: FetchStored = (path, init) => fetch(path, init),
) {
  /** Files the native dialog's copy already stored, by the File object handed to the import. */
  const picked = new WeakMap<Blob, string>()
  const originals = new Map<string, Promise<Blob>>()

  const readOriginal = (id: string): Promise<Blob> => {
    const cached = originals.get(id)
    if (cached) {
      // Most recently used last, so the oldest is the first key.
      originals.delete(id)
      originals.set(id, cached)
      return cached
    }
    const loading = fetchStored(mediaOriginalPath(id)).then((response) => {
      if (!response.ok) throw new Error(`media ${id} is not stored on this device`)
      return response.blob()
    })
    originals.set(id, loading)
    loading.catch(() => originals.delete(id))
    while (originals.size > CACHED_ORIGINALS) {
      const oldest = originals.keys().next().value
      if (oldest === undefined) break
      originals.delete(oldest)
    }
    return loading
  }

  const store: MediaFileStore = {
    storedId: (file) => picked.get(file) ?? null,
    async saveOriginal(id, file) {
      if (picked.get(file) === id) return
      originals.delete(id)
      await mapNoSpace(
        sendInPieces(file, (offset, bytes) => ipc.invoke('media.saveChunk', { id, offset, bytes })),
      )
      await mapNoSpace(
        ipc.invoke('media.saveEnd', {
          id,
          name: uploadName(file instanceof File ? file.name : 'untitled'),
          size: file.size,
        }),
      )
    },
    async hasOriginal(id) {
      if (originals.has(id)) return true
      // One byte is enough to know the file is there (the protocol serves ranges).
      const response = await fetchStored(mediaOriginalPath(id), { headers: { Range: 'bytes=0-0' } })
      await response.body?.cancel()
      return response.ok
    },
    async loadOriginal(id, fileName) {
      const blob = await readOriginal(id)
      return new File([blob], fileName, { type: blob.type })
    },
    async saveThumbnail(id, thumbnail) {
      const bytes = new Uint8Array(await thumbnail.arrayBuffer())
      await mapNoSpace(ipc.invoke('media.saveThumbnail', { id, bytes }))
    },
    async loadThumbnail(id) {
      const response = await fetchStored(mediaThumbnailPath(id))
      if (response.status === 404) return null
      if (!response.ok) throw new Error(`the thumbnail of ${id} could not be read`)
      return response.blob()
    },
    async remove(id) {
      originals.delete(id)
      await ipc.invoke('media.remove', { id })
    },
    available: () => ipc.invoke('media.available', undefined),
  }

  async function pickMediaFiles(): Promise<PickedMedia> {
    const result = await ipc.invoke('media.pick', undefined)
    const files: File[] = []
    const refusals = result.refusals.map(({ name, code, size }) => ({
      fileName: name,
      code,
      sizeBytes: size,
    }))
    for (const { id, name } of result.files) {
      try {
        const file = await store.loadOriginal(id, name)
        picked.set(file, id)
        files.push(file)
      } catch {
        // Copied but not readable back: say so, and do not leave the copy behind.
        refusals.push({ fileName: name, code: 'storage-failed', sizeBytes: null })
        await store.remove(id).catch(() => undefined)
      }
    }
    return { files, refusals }
  }

  async function keepExport(projectId: string, mp4: Blob): Promise<string> {
    await mapNoSpace(
      sendInPieces(mp4, (offset, bytes) =>
        ipc.invoke('export.keepChunk', { projectId, offset, bytes }),
      ),
    )
    await mapNoSpace(ipc.invoke('export.keepEnd', { projectId, size: mp4.size }))
    return desktopExportRef(projectId)
  }

  const saveExport = (projectId: string, fileName: string): Promise<ExportSaveResult> =>
    ipc.invoke('export.save', { projectId, suggestedName: uploadName(fileName) })

  return { store, pickMediaFiles, keepExport, saveExport }
}
