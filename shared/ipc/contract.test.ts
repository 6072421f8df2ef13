import { describe, expect, it } from 'vitest'
import { createUuidV7Generator } from '../data/ids'
import { ipcContract, type IpcMethod } from './contract'
import {
  EXPORT_MAX_BYTES,
  IPC_CHUNK_BYTES,
  MEDIA_MAX_FILE_BYTES,
  THUMBNAIL_MAX_BYTES,
} from './media-files'

const id = createUuidV7Generator()()
const bytes = (n: number) => new Uint8Array(n)

function accepts(method: IpcMethod, input: unknown): boolean {
  return ipcContract[method].input.safeParse(input).success
}

describe('IPC contract: media and export methods', () => {
  it.each([
    ['media.pick', undefined],
    ['media.saveChunk', { id, offset: 0, bytes: bytes(10) }],
    ['media.saveChunk', { id, offset: 8 * IPC_CHUNK_BYTES, bytes: bytes(IPC_CHUNK_BYTES) }],
    ['media.saveEnd', { id, name: 'Beach day (final) 🎬.mp4', size: 10 }],
    ['media.saveEnd', { id, name: 'no extension', size: MEDIA_MAX_FILE_BYTES }],
    ['media.saveThumbnail', { id, bytes: bytes(THUMBNAIL_MAX_BYTES) }],
    ['media.remove', { id }],
    ['media.available', undefined],
    ['export.keepChunk', { projectId: id, offset: 0, bytes: bytes(1) }],
    ['export.keepEnd', { projectId: id, size: 1 }],
    ['export.save', { projectId: id, suggestedName: 'Launch day.mp4' }],
  ] as const)('accepts a valid %s', (method, input) => {
    expect(accepts(method, input)).toBe(true)
  })

  it.each([
    ['a bad uuid', 'media.remove', { id: 'not-a-uuid' }],
    ['an upper-case uuid', 'media.remove', { id: id.toUpperCase() }],
    ['a uuid v4', 'media.remove', { id: '3b241101-e2bb-4255-8caf-4136c566a962' }],
    ['a path as the id', 'media.remove', { id: `../${id}` }],
    ['an extra field', 'media.remove', { id, path: '/etc/passwd' }],
    ['an extra field', 'export.save', { projectId: id, suggestedName: 'a.mp4', dir: '/tmp' }],
    ['input where none is taken', 'media.pick', { paths: ['/etc/passwd'] }],
    ['input where none is taken', 'media.available', { dir: '/' }],
    ['an oversized piece', 'media.saveChunk', { id, offset: 0, bytes: bytes(IPC_CHUNK_BYTES + 1) }],
    ['an empty piece', 'media.saveChunk', { id, offset: 0, bytes: bytes(0) }],
    ['bytes as an array', 'media.saveChunk', { id, offset: 0, bytes: [1, 2, 3] }],
    ['bytes as a string', 'media.saveChunk', { id, offset: 0, bytes: 'AAAA' }],
    ['a negative offset', 'media.saveChunk', { id, offset: -1, bytes: bytes(1) }],
    ['a fractional offset', 'media.saveChunk', { id, offset: 1.5, bytes: bytes(1) }],
    [
      'a piece past the size limit',
      'media.saveChunk',
      { id, offset: MEDIA_MAX_FILE_BYTES - 1, bytes: bytes(2) },
    ],
    [
      'a render piece past its cap',
      'export.keepChunk',
      { projectId: id, offset: EXPORT_MAX_BYTES, bytes: bytes(1) },
    ],
    [
      'an oversized thumbnail',
      'media.saveThumbnail',
      { id, bytes: bytes(THUMBNAIL_MAX_BYTES + 1) },
    ],
    ['an empty file', 'media.saveEnd', { id, name: 'a.mp4', size: 0 }],
    [
      'a file over the limit',
      'media.saveEnd',
      { id, name: 'a.mp4', size: MEDIA_MAX_FILE_BYTES + 1 },
    ],
    ['a path-like name', 'media.saveEnd', { id, name: '../../etc/passwd', size: 1 }],
    ['a Windows path', 'media.saveEnd', { id, name: 'C:\\Users\\a.mp4', size: 1 }],
    ['a dot-dot name', 'media.saveEnd', { id, name: '..', size: 1 }],
    ['a NUL in the name', 'media.saveEnd', { id, name: 'a.mp4\u0000.html', size: 1 }],
    ['an empty name', 'media.saveEnd', { id, name: '', size: 1 }],
    ['a path as the save name', 'export.save', { projectId: id, suggestedName: '/tmp/x.mp4' }],
    ['a newline in the save name', 'export.save', { projectId: id, suggestedName: 'a\nb.mp4' }],
    ['a bad project id', 'export.keepEnd', { projectId: 'project-1', size: 1 }],
  ] as const)('refuses %s (%s)', (_label, method, input) => {
    expect(accepts(method, input)).toBe(false)
  })

  it('refuses a typed array of another kind as bytes', () => {
    expect(accepts('media.saveThumbnail', { id, bytes: new Uint16Array(4) })).toBe(false)
    expect(accepts('media.saveThumbnail', { id, bytes: new ArrayBuffer(4) })).toBe(false)
  })
})
