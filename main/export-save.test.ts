import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { SaveDialogOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createUuidV7Generator } from '../shared/data/ids'
import { EXPORT_MAX_BYTES } from '../shared/ipc/media-files'
import { ExportFiles, type ShowSaveDialog } from './export-save'
import { safeFileName } from './file-names'

// Electron's dialog needs the Electron binary, which this machine cannot download: the tests
// pass a fake with the same signature, answering as the real dialog would.
const newId = createUuidV7Generator()
const MP4 = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256))

let root: string
let videos: string
let renders: ExportFiles
let projectId: string

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'reeldesk-exports-'))
  videos = path.join(root, 'Videos')
  renders = new ExportFiles(path.join(root, 'exports'))
  projectId = newId()
})
afterEach(() => rm(root, { recursive: true, force: true }))

async function keep(bytes: Buffer, pieceSize = 2048): Promise<void> {
  for (let offset = 0; offset < bytes.length; offset += pieceSize) {
    await renders.keepChunk(projectId, offset, bytes.subarray(offset, offset + pieceSize))
  }
  await renders.keepEnd(projectId, bytes.length)
}

function dialogChoosing(filePath: string | null) {
  return vi.fn<ShowSaveDialog>(async () =>
    filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath },
  )
}

describe('ExportFiles', () => {
  it('keeps the render sent in pieces under exports/<projectId>.mp4', async () => {
    await keep(MP4)
    expect(await readFile(path.join(root, 'exports', `${projectId}.mp4`))).toEqual(MP4)
    expect(await readdir(path.join(root, 'exports', '.partial'))).toEqual([])
  })

  it('saves the kept render where the user chose, with the same bytes', async () => {
    await keep(MP4)
    const chosen = path.join(root, 'Launch day final.mp4')
    const dialog = dialogChoosing(chosen)
    const result = await renders.saveAs(projectId, 'Launch day.mp4', dialog, videos)
    expect(result).toEqual({ saved: true, fileName: 'Launch day final.mp4' })
    expect(await readFile(chosen)).toEqual(MP4)
    const options = dialog.mock.calls[0]?.[0] as SaveDialogOptions
    expect(options.defaultPath).toBe(path.join(videos, 'Launch day.mp4'))
    expect(options.filters).toEqual([{ name: 'MP4 video', extensions: ['mp4'] }])
    expect(options.properties).toContain('showOverwriteConfirmation')
  })

  it('answers saved:false and writes nothing when the dialog is cancelled', async () => {
    await keep(MP4)
    const result = await renders.saveAs(projectId, 'x.mp4', dialogChoosing(null), videos)
    expect(result).toEqual({ saved: false })
    expect((await readdir(root)).sort()).toEqual(['exports'])
  })

  it('proposes a sanitised default name, never a path', async () => {
    await keep(MP4)
    const dialog = dialogChoosing(null)
    await renders.saveAs(projectId, '..\u0000CON:<evil>|?', dialog, videos)
    const options = dialog.mock.calls[0]?.[0] as SaveDialogOptions
    expect(path.dirname(options.defaultPath ?? '')).toBe(videos)
    expect(path.basename(options.defaultPath ?? '')).toBe('CON evil.mp4')
  })

  it('refuses to save when no render is kept, without showing a dialog', async () => {
    const dialog = dialogChoosing(path.join(root, 'a.mp4'))
    await expect(renders.saveAs(projectId, 'a.mp4', dialog, videos)).rejects.toThrow(
      /export it again/,
    )
    expect(dialog).not.toHaveBeenCalled()
  })

  it('refuses pieces out of order, past the cap, or for ids that are not UUIDv7', async () => {
    await renders.keepChunk(projectId, 0, Buffer.from('abc'))
    await expect(renders.keepChunk(projectId, 1, Buffer.from('x'))).rejects.toThrow(/out of order/)
    await expect(renders.keepEnd(projectId, 10)).rejects.toThrow(/expected 10 bytes/)
    await expect(renders.keepChunk(projectId, EXPORT_MAX_BYTES, Buffer.from('x'))).rejects.toThrow(
      /exceed/,
    )
    await expect(renders.keepChunk('../escape', 0, Buffer.from('x'))).rejects.toThrow(/UUIDv7/)
  })
})

describe('safeFileName', () => {
  it.each([
    ['Launch day', 'Launch day.mp4'],
    ['Launch day.mp4', 'Launch day.mp4'],
    ['Launch day.MP4', 'Launch day.mp4'],
    ['../../etc/passwd', 'etc passwd.mp4'],
    ['C:\\Windows\\win.ini', 'C Windows win.ini.mp4'],
    ['a<b>c:d"e|f?g*h', 'a b c d e f g h.mp4'],
    ['tab\tnew\nline', 'tab new line.mp4'],
    ['...hidden', 'hidden.mp4'],
    ['trailing dots...   ', 'trailing dots.mp4'],
    ['', 'export.mp4'],
    ['///', 'export.mp4'],
    ['CON', '_CON.mp4'],
    ['lpt1.final', '_lpt1.final.mp4'],
    ['x'.repeat(300), `${'x'.repeat(120)}.mp4`],
  ])('%j → %j', (raw, expected) => {
    expect(safeFileName(raw, '.mp4')).toBe(expected)
  })
})
