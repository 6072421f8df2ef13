import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { OpenDialogOptions } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setLogSink } from '../shared/logger'
import { MediaFiles } from './media-files'
import { MEDIA_FILTERS, pickMedia, type ShowOpenDialog } from './media-pick'

// Electron's dialog needs the Electron binary, which this machine cannot download: the tests
// pass a fake with the same signature, answering as the real dialog would.
let root: string
let files: MediaFiles

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'reeldesk-pick-'))
  files = new MediaFiles(path.join(root, 'media'))
  setLogSink(() => undefined)
})
afterEach(() => rm(root, { recursive: true, force: true }))

const choosing = (filePaths: string[] | null) =>
  vi.fn<ShowOpenDialog>(async () =>
    filePaths === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths },
  )

describe('pickMedia', () => {
  it('offers multi-select with the accepted video, audio and image types', async () => {
    const dialog = choosing(null)
    expect(await pickMedia(files, dialog)).toEqual({ files: [], refusals: [] })
    const options = dialog.mock.calls[0]?.[0] as OpenDialogOptions
    expect(options.properties).toEqual(['openFile', 'multiSelections'])
    expect(options.filters).toBe(MEDIA_FILTERS)
    const all = MEDIA_FILTERS[0]?.extensions ?? []
    for (const ext of ['mp4', 'mov', 'webm', 'mkv', 'mp3', 'm4a', 'wav', 'ogg', 'png', 'jpg']) {
      expect(all).toContain(ext)
    }
    expect(all).not.toContain('html')
  })

  it('copies each chosen file and refuses the bad ones by name, with the reason', async () => {
    await writeFile(path.join(root, 'clip.mp4'), 'video bytes')
    await writeFile(path.join(root, 'empty.wav'), '')
    await writeFile(path.join(root, 'logo.png'), 'png bytes')
    const result = await pickMedia(
      files,
      choosing([
        path.join(root, 'clip.mp4'),
        path.join(root, 'empty.wav'),
        path.join(root, 'missing.mov'),
        path.join(root, 'logo.png'),
      ]),
    )
    expect(result.files.map(({ name, size }) => ({ name, size }))).toEqual([
      { name: 'clip.mp4', size: 11 },
      { name: 'logo.png', size: 9 },
    ])
    expect(result.refusals).toEqual([
      { name: 'empty.wav', code: 'empty', size: 0 },
      { name: 'missing.mov', code: 'storage-failed', size: null },
    ])
    const [clip] = result.files
    const located = clip ? await files.locateOriginal(clip.id) : null
    expect(located ? await readFile(located.path, 'utf8') : null).toBe('video bytes')
    // Nothing in the answer is a path.
    expect(JSON.stringify(result)).not.toContain(root)
  })
})
