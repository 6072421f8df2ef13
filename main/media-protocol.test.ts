import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUuidV7Generator } from '../shared/data/ids'
import { APP_ORIGIN } from '../shared/app-origin'
import { mediaOriginalPath, mediaThumbnailPath } from '../shared/ipc/media-files'
import { MediaFiles } from './media-files'
import { createMediaResponder, isMediaPath, parseMediaPath } from './media-protocol'

const newId = createUuidV7Generator()
const BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251))
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])

let root: string
let files: MediaFiles
let id: string
let respond: ReturnType<typeof createMediaResponder>

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'reeldesk-media-protocol-'))
  files = new MediaFiles(path.join(root, 'media'))
  await writeFile(path.join(root, 'clip.mp4'), BYTES)
  // A file beside the media folder that traversal attempts aim at.
  await writeFile(path.join(root, 'secret.txt'), 'do not serve')
  ;({ id } = await files.copyIn(path.join(root, 'clip.mp4')))
  respond = createMediaResponder(files)
})
afterEach(() => rm(root, { recursive: true, force: true }))

function get(pathname: string, headers: Record<string, string> = {}, method = 'GET') {
  return respond(new Request(`${APP_ORIGIN}${pathname}`, { method, headers }))
}

async function bodyOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer())
}

describe('app://reeldesk/@media/ handler', () => {
  it('serves a whole original with its type, length and range support', async () => {
    const response = await get(mediaOriginalPath(id))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('content-length')).toBe('1000')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('content-security-policy')).toContain('sandbox')
    expect(await bodyOf(response)).toEqual(BYTES)
  })

  it.each([
    ['start and end', 'bytes=100-199', 100, 199],
    ['open end', 'bytes=900-', 900, 999],
    ['suffix', 'bytes=-10', 990, 999],
    ['end past the size', 'bytes=995-2000', 995, 999],
  ])('serves a partial range: %s', async (_label, range, start, end) => {
    const response = await get(mediaOriginalPath(id), { Range: range })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/1000`)
    expect(response.headers.get('content-length')).toBe(String(end - start + 1))
    expect(await bodyOf(response)).toEqual(BYTES.subarray(start, end + 1))
  })

  it.each([['bytes=1000-'], ['bytes=50-10'], ['bytes=x-y'], ['bytes=-0']])(
    'answers an invalid or unsatisfiable range %s with 416',
    async (range) => {
      const response = await get(mediaOriginalPath(id), { Range: range })
      expect(response.status).toBe(416)
      expect(response.headers.get('content-range')).toBe('bytes */1000')
    },
  )

  it('streams a large range across many reads, and lets the reader cancel', async () => {
    const big = Buffer.from(Array.from({ length: 700_000 }, (_, i) => (i * 13) % 256))
    await writeFile(path.join(root, 'big.webm'), big)
    const { id: bigId } = await files.copyIn(path.join(root, 'big.webm'))
    const response = await get(mediaOriginalPath(bigId), { Range: 'bytes=100-650099' })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-type')).toBe('video/webm')
    expect(await bodyOf(response)).toEqual(big.subarray(100, 650_100))
    // A player seeking away reads a little and cancels; the file is closed, not leaked.
    const seek = await get(mediaOriginalPath(bigId))
    const reader = seek.body?.getReader()
    expect((await reader?.read())?.value?.byteLength).toBeGreaterThan(0)
    await reader?.cancel()
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get(mediaOriginalPath(id), {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('1000')
    expect(await head.text()).toBe('')
    expect((await get(mediaOriginalPath(id), {}, 'POST')).status).toBe(405)
  })

  it('serves thumbnails by their image type', async () => {
    await files.saveThumbnail(id, PNG)
    const response = await get(mediaThumbnailPath(id))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PNG)
    expect((await get(mediaThumbnailPath(newId()))).status).toBe(404)
  })

  it('answers an unknown or removed id with 404', async () => {
    expect((await get(mediaOriginalPath(newId()))).status).toBe(404)
    await files.remove(id)
    expect((await get(mediaOriginalPath(id))).status).toBe(404)
  })

  it.each([
    ['parent segments', `/@media/originals/../../secret.txt`],
    ['encoded parent segments', `/@media/originals/%2e%2e/%2e%2e/secret.txt`],
    ['encoded slashes', `/@media/originals/..%2f..%2fsecret.txt`],
    ['encoded backslashes', `/@media/originals/..%5c..%5csecret.txt`],
    ['a NUL byte', `/@media/originals/ID%00.mp4`],
    ['an id with an extension', `/@media/originals/ID.mp4`],
    ['an upper-case id', `/@media/originals/UPPER`],
    ['not a uuid', `/@media/originals/secret`],
    ['an unknown folder', `/@media/partial/ID`],
    ['an extra segment', `/@media/originals/ID/x`],
    ['a doubled slash', `/@media//originals/ID`],
    ['an encoded id', `/@media/originals/%30${'ID'}`],
  ])('refuses %s', async (_label, raw) => {
    const pathname = raw.replace('ID', id).replace('UPPER', id.toUpperCase())
    const response = await get(pathname)
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('')
  })

  it('claims only /@media/ paths and parses only canonical ones', () => {
    expect(isMediaPath('/@media/originals/x')).toBe(true)
    expect(isMediaPath('/index.html')).toBe(false)
    expect(isMediaPath('/%40media/originals/x')).toBe(false)
    expect(parseMediaPath(mediaOriginalPath(id))).toEqual({ kind: 'original', id })
    expect(parseMediaPath(mediaThumbnailPath(id))).toEqual({ kind: 'thumbnail', id })
    expect(parseMediaPath(`/@media/originals/${id}/`)).toBeNull()
  })
})
