import type { MediaFileStore } from './media-store'

const ORIGINALS = 'media'
const THUMBNAILS = 'media-thumbnails'

async function folder(name: string): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory()
  return root.getDirectoryHandle(name, { create: true })
}

/** Streams, so a 2 GiB original never sits in memory; pipeTo closes the writable on success. */
async function write(dirName: string, id: string, blob: Blob): Promise<void> {
  const handle = await (await folder(dirName)).getFileHandle(id, { create: true })
  const writable = await handle.createWritable()
  try {
    await blob.stream().pipeTo(writable)
  } catch (error) {
    await writable.abort().catch(() => undefined)
    throw error
  }
}

async function read(dirName: string, id: string): Promise<File | null> {
  try {
    return await (await (await folder(dirName)).getFileHandle(id)).getFile()
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return null
    throw error
  }
}

async function removeEntry(dirName: string, id: string): Promise<void> {
  try {
    await (await folder(dirName)).removeEntry(id)
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error
  }
}

/** Files are named by media id (ids are safe names; user file names may not be). */
export const opfsMediaStore: MediaFileStore = {
  saveOriginal: (id, file) => write(ORIGINALS, id, file),
  hasOriginal: async (id) => (await read(ORIGINALS, id)) !== null,
  async loadOriginal(id, fileName) {
    const stored = await read(ORIGINALS, id)
    if (!stored) throw new Error(`media ${id} is not stored on this device`)
    // Wrapping a File in a File shares its bytes: no copy.
    return new File([stored], fileName, { lastModified: stored.lastModified })
  },
  saveThumbnail: (id, thumbnail) => write(THUMBNAILS, id, thumbnail),
  loadThumbnail: (id) => read(THUMBNAILS, id),
  async remove(id) {
    await removeEntry(ORIGINALS, id)
    await removeEntry(THUMBNAILS, id)
  },
  async available() {
    const { quota, usage } = await navigator.storage.estimate()
    return quota === undefined ? null : Math.max(0, quota - (usage ?? 0))
  },
}

/**
 * Finished renders and cover frames, kept on this device by project id so the studio can offer
 * them again (and, later, upload them) without rendering twice.
 */
export const opfsRenders = {
  async saveExport(projectId: string, mp4: Blob): Promise<string> {
    await write('exports', `${projectId}.mp4`, mp4)
    return `opfs:exports/${projectId}.mp4`
  },
  loadExport: (projectId: string) => read('exports', `${projectId}.mp4`),
  async saveCover(projectId: string, jpeg: Blob): Promise<string> {
    await write('covers', `${projectId}.jpg`, jpeg)
    return `opfs:covers/${projectId}.jpg`
  },
  loadCover: (projectId: string) => read('covers', `${projectId}.jpg`),
}
