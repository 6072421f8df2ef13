import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUuidV7Generator } from '../shared/data/ids'
import { IPC_CHUNK_BYTES, MEDIA_MAX_FILE_BYTES } from '../shared/ipc/media-files'
import { displayName, MediaFiles, MediaRefusal, storedExtension } from './media-files'

const newId = createUuidV7Generator()
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])
const WEBP = new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ')

let root: string
let source: string
let files: MediaFiles

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'reeldesk-media-'))
  source = path.join(root, 'picked')
  await mkdir(source)
  files = new MediaFiles(path.join(root, 'media'))
})
afterEach(() => rm(root, { recursive: true, force: true }))

async function refusalOf(promise: Promise<unknown>): Promise<MediaRefusal> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  if (!(error instanceof MediaRefusal)) throw new Error(`expected a refusal, got ${String(error)}`)
  return error
}

describe('MediaFiles.copyIn (a file the user picked)', () => {
  it('copies it under a new UUIDv7 with its extension and returns id, name and size', async () => {
    const bytes = Buffer.alloc(300_000, 7)
    await writeFile(path.join(source, 'Beach Day.MP4'), bytes)
    const stored = await files.copyIn(path.join(source, 'Beach Day.MP4'))
    expect(stored).toMatchObject({ name: 'Beach Day.MP4', size: 300_000 })
    expect(stored.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    expect(await readdir(files.dir)).toContain(`${stored.id}.mp4`)
    expect(await readFile(path.join(files.dir, `${stored.id}.mp4`))).toEqual(bytes)
    const located = await files.locateOriginal(stored.id)
    expect(located).toEqual({
      path: path.join(files.dir, `${stored.id}.mp4`),
      contentType: 'video/mp4',
    })
    // No partial left behind.
    expect(await readdir(path.join(files.dir, '.partial'))).toEqual([])
  })

  it('refuses an empty file, naming the reason', async () => {
    await writeFile(path.join(source, 'empty.mp4'), '')
    const refusal = await refusalOf(files.copyIn(path.join(source, 'empty.mp4')))
    expect(refusal).toMatchObject({ code: 'empty', size: 0 })
  })

  it('refuses a file over the size limit without copying a byte', async () => {
    const big = path.join(source, 'huge.mov')
    await writeFile(big, '')
    // A sparse file: the size says 2 GiB + 1 without using the disk.
    await truncate(big, MEDIA_MAX_FILE_BYTES + 1)
    const refusal = await refusalOf(files.copyIn(big))
    expect(refusal).toMatchObject({ code: 'too-large', size: MEDIA_MAX_FILE_BYTES + 1 })
    expect(await readdir(files.dir).catch(() => [])).not.toContainEqual(
      expect.stringMatching(/\.mov$/),
    )
  })

  it('refuses what is not a regular file, and a missing one', async () => {
    expect(await refusalOf(files.copyIn(source))).toMatchObject({ code: 'not-media' })
    expect(await refusalOf(files.copyIn(path.join(source, 'gone.mp4')))).toMatchObject({
      code: 'storage-failed',
      size: null,
    })
  })

  it('refuses a file that does not fit on the disk', async () => {
    await writeFile(path.join(source, 'a.mp4'), 'abc')
    files.available = async () => 2
    expect(await refusalOf(files.copyIn(path.join(source, 'a.mp4')))).toMatchObject({
      code: 'storage-full',
    })
  })

  it('stores an unknown or risky extension as .bin, served as plain bytes', async () => {
    await writeFile(path.join(source, 'page.html'), '<script>alert(1)</script>')
    const stored = await files.copyIn(path.join(source, 'page.html'))
    expect(await readdir(files.dir)).toContain(`${stored.id}.bin`)
    expect((await files.locateOriginal(stored.id))?.contentType).toBe('application/octet-stream')
  })
})

describe('MediaFiles uploads in pieces (a file the renderer holds)', () => {
  it('assembles pieces in order and keeps the file under the given id', async () => {
    const id = newId()
    const data = Buffer.from('0123456789abcdef')
    await files.writeChunk(id, 0, data.subarray(0, 6))
    await files.writeChunk(id, 6, data.subarray(6, 12))
    await files.writeChunk(id, 12, data.subarray(12))
    await files.finishUpload(id, 'clip.webm', 16)
    expect(await readFile(path.join(files.dir, `${id}.webm`))).toEqual(data)
  })

  it('refuses a piece out of order and a wrong final size', async () => {
    const id = newId()
    await files.writeChunk(id, 0, Buffer.from('abc'))
    await expect(files.writeChunk(id, 10, Buffer.from('x'))).rejects.toThrow(/out of order/)
    await expect(files.finishUpload(id, 'a.mp4', 4)).rejects.toThrow(/expected 4 bytes/)
    expect(await files.locateOriginal(id)).toBeNull()
  })

  it('starts over at offset 0 and replaces an earlier copy (even with another extension)', async () => {
    const id = newId()
    await files.writeChunk(id, 0, Buffer.from('first'))
    await files.finishUpload(id, 'a.mov', 5)
    await files.writeChunk(id, 0, Buffer.from('xx'))
    await files.writeChunk(id, 0, Buffer.from('second'))
    await files.finishUpload(id, 'a.mp4', 6)
    expect(await readdir(files.dir)).not.toContain(`${id}.mov`)
    expect(await readFile(path.join(files.dir, `${id}.mp4`), 'utf8')).toBe('second')
  })

  it('refuses a piece that would pass the size limit and ids that are not UUIDv7', async () => {
    await expect(
      files.writeChunk(newId(), MEDIA_MAX_FILE_BYTES - 1, Buffer.from('ab')),
    ).rejects.toThrow(/exceed/)
    for (const id of ['../../etc/passwd', 'x', newId().toUpperCase()]) {
      await expect(files.writeChunk(id, 0, Buffer.from('a'))).rejects.toThrow(/UUIDv7/)
      await expect(files.remove(id)).rejects.toThrow(/UUIDv7/)
      expect(await files.locateOriginal(id)).toBeNull()
    }
  })

  it('keeps concurrent pieces of one file consistent', async () => {
    const id = newId()
    const piece = Buffer.alloc(IPC_CHUNK_BYTES / 1024, 1)
    await files.writeChunk(id, 0, piece)
    // Two pieces for the same offset at once: one wins, the other is out of order.
    const results = await Promise.allSettled([
      files.writeChunk(id, piece.length, piece),
      files.writeChunk(id, piece.length, piece),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    await files.finishUpload(id, 'a.mp4', piece.length * 2)
  })

  it('clears unfinished uploads left by a previous run', async () => {
    const id = newId()
    await files.writeChunk(id, 0, Buffer.from('half'))
    await new MediaFiles(files.dir).clearPartials()
    await expect(files.finishUpload(id, 'a.mp4', 4)).rejects.toThrow(/expected 4 bytes/)
  })
})

describe('MediaFiles thumbnails, removal and free space', () => {
  it('keeps a thumbnail by its image type and refuses anything else', async () => {
    const id = newId()
    await files.saveThumbnail(id, PNG)
    expect(await files.locateThumbnail(id)).toMatchObject({ contentType: 'image/png' })
    await files.saveThumbnail(id, WEBP)
    expect(await files.locateThumbnail(id)).toMatchObject({ contentType: 'image/webp' })
    expect(await readdir(path.join(files.dir, 'thumbnails'))).toEqual([`${id}.webp`])
    await expect(files.saveThumbnail(id, new TextEncoder().encode('<svg/>'))).rejects.toThrow(
      /PNG, JPEG or WebP/,
    )
  })

  it('removes the original, the thumbnail and an unfinished upload; missing is fine', async () => {
    await writeFile(path.join(source, 'a.wav'), 'RIFF')
    const { id } = await files.copyIn(path.join(source, 'a.wav'))
    await files.saveThumbnail(id, PNG)
    await files.writeChunk(id, 0, Buffer.from('partial'))
    await files.remove(id)
    expect(await files.locateOriginal(id)).toBeNull()
    expect(await files.locateThumbnail(id)).toBeNull()
    expect(await readdir(path.join(files.dir, '.partial'))).toEqual([])
    await files.remove(id)
    await files.remove(newId())
  })

  it('reports the free space of the disk holding the folder', async () => {
    const free = await files.available()
    expect(free).toBeGreaterThan(0)
  })
})

describe('file names', () => {
  it.each([
    ['clip.MP4', 'mp4'],
    ['song.flac', 'flac'],
    ['photo.jpeg', 'jpeg'],
    ['notes.txt', 'bin'],
    ['page.html', 'bin'],
    ['no-extension', 'bin'],
    ['archive.tar.gz', 'bin'],
    ['.mp4', 'mp4'],
  ])('stores %s as .%s', (name, ext) => {
    expect(storedExtension(name)).toBe(ext)
  })

  it('strips control characters from names shown to the user', () => {
    expect(displayName('line\nbreak\u0007.mp4')).toBe('linebreak.mp4')
    expect(displayName('\u0001')).toBe('untitled')
  })
})
