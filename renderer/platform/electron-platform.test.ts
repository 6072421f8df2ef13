import { describe, expect, it, vi } from 'vitest'
import { createUuidV7Generator } from '../../shared/data/ids'
import {
  ipcContract,
  type IpcInput,
  type IpcMethod,
  type IpcOutput,
  type ReeldeskBridge,
} from '../../shared/ipc/contract'
import { IpcError, type IpcResult } from '../../shared/ipc/envelope'
import {
  IPC_CHUNK_BYTES,
  mediaOriginalPath,
  mediaThumbnailPath,
} from '../../shared/ipc/media-files'
import { createElectronPlatform } from './electron-platform'
import { uploadName } from './electron-media'

type Answers = { [M in IpcMethod]?: (input: IpcInput<M>) => IpcOutput<M> | Promise<IpcOutput<M>> }

const newId = createUuidV7Generator()

/**
 * A stand-in for the preload's bridge: it validates every payload against the contract as main
 * would (so a call the real main would refuse fails here too) and records the calls.
 */
function fakeBridge(answers: Answers) {
  const calls: { method: IpcMethod; input: unknown }[] = []
  const bridge: ReeldeskBridge = {
    kind: 'electron',
    // Like the preload: main's envelope comes back as is, errors included (never thrown).
    async invoke<M extends IpcMethod>(
      method: M,
      input: IpcInput<M>,
    ): Promise<IpcResult<IpcOutput<M>>> {
      const parsed = ipcContract[method].input.safeParse(input)
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'BAD_INPUT', message: `${method}: ${parsed.error.message}` },
        }
      }
      calls.push({ method, input })
      const answer = answers[method] as
        ((input: IpcInput<M>) => IpcOutput<M> | Promise<IpcOutput<M>>) | undefined
      if (!answer) throw new Error(`unexpected call to ${method}`)
      try {
        return { ok: true, value: await answer(input) }
      } catch (error) {
        if (!(error instanceof IpcError)) throw error
        return { ok: false, error: { code: error.code, message: error.message } }
      }
    },
  }
  return { bridge, calls, of: (method: IpcMethod) => calls.filter((c) => c.method === method) }
}

/** The app:// protocol as main serves it: stored bytes by path, 404 otherwise. */
function fakeFetch(stored: Record<string, Uint8Array<ArrayBuffer>>) {
  return vi.fn(async (path: string) => {
    const bytes = stored[path]
    return bytes
      ? new Response(bytes, { headers: { 'Content-Type': 'video/mp4' } })
      : new Response(null, { status: 404 })
  })
}

describe('electron platform: media store', () => {
  it('sends an original in ordered pieces, then its name and size', async () => {
    const { bridge, of } = fakeBridge({
      'media.saveChunk': () => undefined,
      'media.saveEnd': () => undefined,
    })
    const platform = createElectronPlatform(bridge, fakeFetch({}))
    const id = newId()
    const size = IPC_CHUNK_BYTES * 2 + 10
    const data = new Uint8Array(size).map((_, i) => i % 256)
    await platform.media.saveOriginal(id, new File([data], 'Beach day.MP4'))
    const pieces = of('media.saveChunk').map(
      (c) => c.input as { id: string; offset: number; bytes: Uint8Array },
    )
    expect(pieces.map((p) => [p.offset, p.bytes.byteLength])).toEqual([
      [0, IPC_CHUNK_BYTES],
      [IPC_CHUNK_BYTES, IPC_CHUNK_BYTES],
      [IPC_CHUNK_BYTES * 2, 10],
    ])
    expect(pieces.every((p) => p.id === id)).toBe(true)
    expect(pieces[2]?.bytes[9]).toBe((size - 1) % 256)
    expect(of('media.saveEnd')[0]?.input).toEqual({ id, name: 'Beach day.MP4', size })
  })

  it('reads originals and thumbnails back through app://, never through a path', async () => {
    const id = newId()
    const fetchStored = fakeFetch({ [mediaOriginalPath(id)]: Uint8Array.from([1, 2, 3]) })
    const { bridge } = fakeBridge({})
    const platform = createElectronPlatform(bridge, fetchStored)
    const file = await platform.media.loadOriginal(id, 'clip.mp4')
    expect(file.name).toBe('clip.mp4')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(Uint8Array.from([1, 2, 3]))
    expect(fetchStored).toHaveBeenCalledWith(`/@media/originals/${id}`)
    // A second load (the preview reloads after every edit) reuses the first read.
    await platform.media.loadOriginal(id, 'clip.mp4')
    expect(fetchStored).toHaveBeenCalledTimes(1)
    await expect(platform.media.loadOriginal(newId(), 'gone.mp4')).rejects.toThrow(/not stored/)
    expect(await platform.media.loadThumbnail(id)).toBeNull()
    expect(fetchStored).toHaveBeenCalledWith(mediaThumbnailPath(id))
  })

  it('saves thumbnails, removes by id and asks main for free space', async () => {
    const { bridge, of } = fakeBridge({
      'media.saveThumbnail': () => undefined,
      'media.remove': () => undefined,
      'media.available': () => 123_456,
    })
    const platform = createElectronPlatform(bridge, fakeFetch({}))
    const id = newId()
    await platform.media.saveThumbnail(id, new Blob([Uint8Array.from([0xff, 0xd8, 0xff])]))
    expect(of('media.saveThumbnail')[0]?.input).toEqual({
      id,
      bytes: Uint8Array.from([0xff, 0xd8, 0xff]),
    })
    await platform.media.remove(id)
    expect(of('media.remove')[0]?.input).toEqual({ id })
    expect(await platform.media.available()).toBe(123_456)
  })

  it('turns a full disk in main into the QuotaExceededError the import understands', async () => {
    const { bridge } = fakeBridge({
      'media.saveChunk': () => {
        throw new IpcError('NO_SPACE', 'media.saveChunk: ENOSPC: no space left on device')
      },
    })
    const platform = createElectronPlatform(bridge, fakeFetch({}))
    const error = await platform.media
      .saveOriginal(newId(), new File(['abc'], 'a.mp4'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DOMException)
    expect((error as DOMException).name).toBe('QuotaExceededError')
  })
})

describe('electron platform: native pick', () => {
  it('returns the copies main made as Files the store knows are stored, and the refusals', async () => {
    const kept = newId()
    const { bridge, of } = fakeBridge({
      'media.pick': () => ({
        files: [{ id: kept, name: 'clip.mp4', size: 3 }],
        refusals: [{ name: 'huge.mov', code: 'too-large', size: 3 * 1024 ** 3 }],
      }),
      'media.saveChunk': () => undefined,
      'media.saveEnd': () => undefined,
    })
    const platform = createElectronPlatform(
      bridge,
      fakeFetch({ [mediaOriginalPath(kept)]: Uint8Array.from([7, 8, 9]) }),
    )
    expect(platform.pickMediaFiles).not.toBeNull()
    const picked = await platform.pickMediaFiles?.()
    expect(picked?.refusals).toEqual([
      { fileName: 'huge.mov', code: 'too-large', sizeBytes: 3 * 1024 ** 3 },
    ])
    const [file] = picked?.files ?? []
    if (!file) throw new Error('no file picked')
    expect(file.name).toBe('clip.mp4')
    expect(file.size).toBe(3)
    expect(platform.media.storedId?.(file)).toBe(kept)
    expect(platform.media.storedId?.(new File(['x'], 'other.mp4'))).toBeNull()
    // Storing it under its own id sends nothing: main has it already.
    await platform.media.saveOriginal(kept, file)
    expect(of('media.saveChunk')).toEqual([])
  })

  it('refuses a copy it cannot read back, and removes it', async () => {
    const lost = newId()
    const { bridge, of } = fakeBridge({
      'media.pick': () => ({ files: [{ id: lost, name: 'a.mp4', size: 1 }], refusals: [] }),
      'media.remove': () => undefined,
    })
    const platform = createElectronPlatform(bridge, fakeFetch({}))
    const picked = await platform.pickMediaFiles?.()
    expect(picked).toEqual({
      files: [],
      refusals: [{ fileName: 'a.mp4', code: 'storage-failed', sizeBytes: null }],
    })
    expect(of('media.remove')[0]?.input).toEqual({ id: lost })
  })
})

describe('electron platform: export', () => {
  it('keeps the render in pieces and records it under an app-data ref', async () => {
    const { bridge, of } = fakeBridge({
      'export.keepChunk': () => undefined,
      'export.keepEnd': () => undefined,
    })
    const platform = createElectronPlatform(bridge, fakeFetch({}))
    const projectId = newId()
    const ref = await platform.keepExport(
      projectId,
      new Blob([new Uint8Array(IPC_CHUNK_BYTES + 1)]),
    )
    expect(ref).toBe(`app-data:exports/${projectId}.mp4`)
    expect(of('export.keepChunk').map((c) => (c.input as { offset: number }).offset)).toEqual([
      0,
      IPC_CHUNK_BYTES,
    ])
    expect(of('export.keepEnd')[0]?.input).toEqual({ projectId, size: IPC_CHUNK_BYTES + 1 })
  })

  it('asks main for the save dialog with the project and a file name', async () => {
    const { bridge, of } = fakeBridge({
      'export.save': ({ suggestedName }) => ({ saved: true, fileName: suggestedName }),
    })
    const platform = createElectronPlatform(bridge, fakeFetch({}))
    const projectId = newId()
    expect(await platform.saveExport?.(projectId, 'Launch day.mp4')).toEqual({
      saved: true,
      fileName: 'Launch day.mp4',
    })
    expect(of('export.save')[0]?.input).toEqual({ projectId, suggestedName: 'Launch day.mp4' })
  })
})

describe('uploadName', () => {
  it('makes any File name one main accepts', () => {
    expect(uploadName('clip.mp4')).toBe('clip.mp4')
    expect(uploadName('a/b\\c\u0000.mp4')).toBe('a_b_c_.mp4')
    expect(uploadName('..')).toBe('untitled')
    expect(uploadName('')).toBe('untitled')
    expect(uploadName('x'.repeat(5000))).toHaveLength(1024)
  })
})

describe('electron platform: system notifications', () => {
  it('shows deal reminders through the validated notify.show call, nothing else', async () => {
    const { bridge, of } = fakeBridge({ 'notify.show': () => ({ shown: true }) })
    const platform = createElectronPlatform(bridge)
    expect(platform.notifications.permission()).toBe('granted')
    expect(await platform.notifications.show({ title: 'Due soon: Acme', body: 'In 2 h.' })).toBe(
      true,
    )
    expect(of('notify.show')).toEqual([
      { method: 'notify.show', input: { title: 'Due soon: Acme', body: 'In 2 h.' } },
    ])
    // A title the contract refuses never reaches main.
    await expect(platform.notifications.show({ title: '', body: '' })).rejects.toThrow(/title/)
  })
})
