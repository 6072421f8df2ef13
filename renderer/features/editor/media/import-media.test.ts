import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createUuidV7Generator } from '../../../../shared/data/ids'
import { SAMPLE_IDS } from '../../../../shared/data/sample-docs'
import { setLogSink } from '../../../../shared/logger'
import { MediaImportError } from './import-error'
import { importMedia } from './import-media'
import type { MediaFileStore } from './media-store'
import { analyzeMedia } from './probe'
import type { ProbeResult } from './probe-result'

// Probing needs mediabunny and WebCodecs (Chromium; covered by the e2e suite): here the import's
// storage decisions are tested with the analysis stubbed.
vi.mock('./probe', () => ({ analyzeMedia: vi.fn() }))

const newId = createUuidV7Generator()
const target = { workspaceId: SAMPLE_IDS.workspace, accountId: null }
const probe: ProbeResult = {
  kind: 'video',
  fileName: 'clip.mp4',
  mimeType: 'video/mp4',
  sizeBytes: 3,
  durationMs: 1000,
  codedWidth: 1080,
  codedHeight: 1920,
  displayWidth: 1080,
  displayHeight: 1920,
  fps: 30,
  codecs: { video: 'avc', audio: null },
  rotation: 0,
  hasAudio: false,
}
const thumbnail = new Blob(['thumb'])

function memoryStore(storedIds = new Map<File, string>()) {
  return {
    saveOriginal: vi.fn(async () => undefined),
    hasOriginal: vi.fn(async () => false),
    loadOriginal: vi.fn(async () => new File([], 'x')),
    saveThumbnail: vi.fn(async () => undefined),
    loadThumbnail: vi.fn(async () => null),
    remove: vi.fn(async () => undefined),
    available: vi.fn(async () => null),
    storedId: (file: File) => storedIds.get(file) ?? null,
  } satisfies MediaFileStore
}

beforeEach(() => {
  setLogSink(() => undefined)
  vi.mocked(analyzeMedia).mockResolvedValue({ probe, previews: { thumbnail, peaks: null } })
})

describe('importMedia storage', () => {
  it('stores a new file (a drop, or the web) under a new id', async () => {
    const store = memoryStore()
    const file = new File(['abc'], 'clip.mp4')
    const id = newId()
    const { doc } = await importMedia(file, target, { store, newId: () => id })
    expect(doc.id).toBe(id)
    expect(store.saveOriginal).toHaveBeenCalledWith(id, file)
    expect(store.saveThumbnail).toHaveBeenCalledWith(id, thumbnail)
  })

  it('keeps the id of a file main already stored (native pick) and does not store it twice', async () => {
    const file = new File(['abc'], 'clip.mp4')
    const kept = newId()
    const store = memoryStore(new Map([[file, kept]]))
    const { doc } = await importMedia(file, target, { store, newId: () => 'unused' })
    expect(doc.id).toBe(kept)
    expect(store.saveOriginal).not.toHaveBeenCalled()
    expect(store.available).not.toHaveBeenCalled()
    expect(store.saveThumbnail).toHaveBeenCalledWith(kept, thumbnail)
  })

  it('removes the stored copy of a picked file the analysis refuses', async () => {
    const file = new File(['not media'], 'notes.mp4')
    const kept = newId()
    const store = memoryStore(new Map([[file, kept]]))
    vi.mocked(analyzeMedia).mockRejectedValue(new MediaImportError('not-media', 'notes.mp4'))
    await expect(importMedia(file, target, { store })).rejects.toMatchObject({ code: 'not-media' })
    expect(store.remove).toHaveBeenCalledWith(kept)
  })

  it('reports a full disk as storage-full and removes what it wrote', async () => {
    const store = memoryStore()
    store.saveOriginal.mockRejectedValue(new DOMException('no space', 'QuotaExceededError'))
    const id = newId()
    await expect(
      importMedia(new File(['abc'], 'clip.mp4'), target, { store, newId: () => id }),
    ).rejects.toMatchObject({ code: 'storage-full' })
    expect(store.remove).toHaveBeenCalledWith(id)
  })
})
