import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { APP_ENTRY_URL } from '../../shared/app-origin'
import { createUuidV7Generator } from '../../shared/data/ids'
import { ipcContract } from '../../shared/ipc/contract'
import { setLogSink } from '../../shared/logger'
import { ExportFiles } from '../export-save'
import { MediaFiles } from '../media-files'
import { MEDIA_FILTERS } from '../media-pick'
import { TokenStore } from '../token-store'
import { createIpcDispatcher, type IpcHandlers } from './dispatcher'
import { createIpcHandlers, type ElectronShell } from './handlers'

// Electron's dialogs and shell need the Electron binary, which this machine cannot download: the
// table is built with fakes of the same signatures, and the real services on a temporary folder.
class FakeWindow {
  closed = false
  constructor(readonly id: number) {}
  isDestroyed(): boolean {
    return this.closed
  }
}

type Shell = ElectronShell<FakeWindow>
const newId = createUuidV7Generator()
let root: string
let showOpenDialog: Mock<Shell['showOpenDialog']>
let showSaveDialog: Mock<Shell['showSaveDialog']>
let openExternal: Mock<Shell['openExternalSafely']>
let showNotification: Mock<Shell['showNotification']>
let printToPdf: Mock<Shell['printToPdf']>
let handlers: IpcHandlers<FakeWindow>
let dispatch: ReturnType<typeof createIpcDispatcher<FakeWindow>>

beforeEach(async () => {
  setLogSink(() => undefined)
  root = await mkdtemp(path.join(os.tmpdir(), 'reeldesk-handlers-'))
  showOpenDialog = vi.fn<Shell['showOpenDialog']>(async () => ({ canceled: true, filePaths: [] }))
  showSaveDialog = vi.fn<Shell['showSaveDialog']>(async () => ({ canceled: true, filePath: '' }))
  openExternal = vi.fn<Shell['openExternalSafely']>(async () => undefined)
  showNotification = vi.fn<Shell['showNotification']>(() => true)
  printToPdf = vi.fn<Shell['printToPdf']>(async () => new TextEncoder().encode('%PDF-1.4 report'))
  const shell: Shell = {
    version: '1.2.3',
    electronVersion: '41.0.0',
    platform: 'linux',
    showOpenDialog,
    showSaveDialog,
    openExternalSafely: openExternal,
    showNotification,
    printToPdf,
  }
  handlers = createIpcHandlers(shell, {
    tokens: new TokenStore(root, {
      isStrong: () => true,
      encrypt: (plain) => Buffer.from(plain),
      decrypt: (cipher) => cipher.toString(),
    }),
    serverUrl: 'http://127.0.0.1:4400',
    media: new MediaFiles(path.join(root, 'media')),
    renders: new ExportFiles(path.join(root, 'exports')),
    videosFolder: () => path.join(root, 'Videos'),
    documentsFolder: () => path.join(root, 'Documents'),
  })
  dispatch = createIpcDispatcher(handlers)
})
afterEach(() => rm(root, { recursive: true, force: true }))

const call = (method: string, input: unknown, window: FakeWindow | null = new FakeWindow(1)) =>
  dispatch(APP_ENTRY_URL, { method, input }, { window })

describe('the IPC handler table', () => {
  it('has a handler for every contract method and nothing more', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(ipcContract).sort())
  })

  it('reports the app info it was given and the server this window talks to', async () => {
    expect(await call('app.info', undefined)).toEqual({
      ok: true,
      value: {
        version: '1.2.3',
        platform: 'linux',
        electron: '41.0.0',
        serverUrl: 'http://127.0.0.1:4400',
      },
    })
  })

  it('opens links through the shell it was given', async () => {
    expect(await call('shell.openExternal', { url: 'https://example.com/' })).toEqual({
      ok: true,
      value: undefined,
    })
    expect(openExternal).toHaveBeenCalledWith('https://example.com/')
  })

  it('shows a plain-text system notification, refusing anything beyond title and body', async () => {
    expect(
      await call('notify.show', { title: 'Due soon: Acme', body: 'Main video in 2 h.' }),
    ).toEqual({
      ok: true,
      value: { shown: true },
    })
    expect(showNotification).toHaveBeenCalledWith({
      title: 'Due soon: Acme',
      body: 'Main video in 2 h.',
    })
    showNotification.mockReturnValueOnce(false)
    expect(await call('notify.show', { title: 'x', body: '' })).toEqual({
      ok: true,
      value: { shown: false },
    })
    for (const bad of [
      { title: '', body: 'empty title' },
      { title: 'x'.repeat(121), body: '' },
      { title: 'x', body: 'y'.repeat(501) },
      { title: 'x', body: '', icon: 'file:///etc/passwd' },
      { title: 'x', body: '', actions: [{ type: 'button', text: 'Open' }] },
      { title: 42, body: '' },
      undefined,
    ]) {
      const result = await call('notify.show', bad)
      expect(result.ok).toBe(false)
    }
    expect(showNotification).toHaveBeenCalledTimes(2)
  })

  it('signs in to a platform through the shell and a loopback redirect', async () => {
    const begun = await call('oauth.begin', undefined)
    if (!begun.ok) throw new Error('begin failed')
    const { loginId, redirectUri } = begun.value as { loginId: string; redirectUri: string }
    openExternal.mockImplementationOnce(async () => {
      await fetch(`${redirectUri}?code=the-code&state=the-state`)
    })
    const authorizeUrl = 'https://www.tiktok.com/v2/auth/authorize/?client_key=k'
    expect(await call('oauth.finish', { loginId, authorizeUrl })).toEqual({
      ok: true,
      value: { code: 'the-code', state: 'the-state' },
    })
    expect(openExternal).toHaveBeenCalledWith(authorizeUrl)
    const bad = await call('oauth.finish', { loginId: 'not-an-id', authorizeUrl })
    expect(bad.ok).toBe(false)
  })

  it('keeps tokens in the token store', async () => {
    await call('tokens.set', { key: 'session:main', value: 'tok' })
    expect(await call('tokens.get', { key: 'session:main' })).toEqual({ ok: true, value: 'tok' })
  })

  it('parents the open dialog to the calling window and copies what it chose', async () => {
    const clip = path.join(root, 'clip.mp4')
    await writeFile(clip, 'video bytes')
    showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [clip] })
    const caller = new FakeWindow(7)
    const result = await call('media.pick', undefined, caller)
    expect(result).toMatchObject({
      ok: true,
      value: { files: [{ name: 'clip.mp4', size: 11 }], refusals: [] },
    })
    expect(showOpenDialog).toHaveBeenCalledTimes(1)
    const [window, options] = showOpenDialog.mock.calls[0] ?? []
    expect(window).toBe(caller)
    expect(options).toMatchObject({ filters: MEDIA_FILTERS })
  })

  it('parents the save dialog to the calling window, opening in the Videos folder', async () => {
    const projectId = newId()
    await call('export.keepChunk', { projectId, offset: 0, bytes: new Uint8Array([1, 2, 3]) })
    await call('export.keepEnd', { projectId, size: 3 })
    const target = path.join(root, 'chosen.mp4')
    showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    const caller = new FakeWindow(9)
    expect(await call('export.save', { projectId, suggestedName: 'Teaser.mp4' }, caller)).toEqual({
      ok: true,
      value: { saved: true, fileName: 'chosen.mp4' },
    })
    const [window, options] = showSaveDialog.mock.calls[0] ?? []
    expect(window).toBe(caller)
    expect(options?.defaultPath).toBe(path.join(root, 'Videos', 'Teaser.mp4'))
    expect([...(await readFile(target))]).toEqual([1, 2, 3])
  })

  it('prints the calling window to PDF and saves it where the user chooses, in Documents first', async () => {
    const target = path.join(root, 'chosen.pdf')
    showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    const caller = new FakeWindow(11)
    const suggestedName = 'reeldesk-report-@мария-2026-11-01-2026-11-28.pdf'
    expect(await call('report.savePdf', { suggestedName }, caller)).toEqual({
      ok: true,
      value: { saved: true, fileName: 'chosen.pdf' },
    })
    expect(printToPdf).toHaveBeenCalledWith(caller)
    const [window, options] = showSaveDialog.mock.calls[0] ?? []
    expect(window).toBe(caller)
    expect(options?.defaultPath).toBe(path.join(root, 'Documents', suggestedName))
    expect(options?.filters).toEqual([{ name: 'PDF document', extensions: ['pdf'] }])
    expect(await readFile(target, 'latin1')).toBe('%PDF-1.4 report')
  })

  it('saves nothing when the report dialog is cancelled, and refuses a print that is not a PDF', async () => {
    expect(await call('report.savePdf', { suggestedName: 'r.pdf' })).toEqual({
      ok: true,
      value: { saved: false },
    })
    printToPdf.mockResolvedValueOnce(new Uint8Array())
    expect(await call('report.savePdf', { suggestedName: 'r.pdf' })).toEqual({
      ok: false,
      error: {
        code: 'FAILED',
        message: 'report.savePdf: printing the report did not give a PDF: try again',
      },
    })
    expect(showSaveDialog).toHaveBeenCalledTimes(1)
  })

  it.each(['../../etc/passwd', 'a/b.pdf', '', 'x'.repeat(1025)])(
    'refuses the report file name %j before printing anything',
    async (suggestedName) => {
      const result = await call('report.savePdf', { suggestedName })
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
      expect(printToPdf).not.toHaveBeenCalled()
    },
  )

  it.each([
    ['no window', null],
    ['a closed window', Object.assign(new FakeWindow(3), { closed: true })],
  ])('refuses a dialog for %s and never opens one', async (_label, window) => {
    const projectId = newId()
    await call('export.keepChunk', { projectId, offset: 0, bytes: new Uint8Array([1]) })
    await call('export.keepEnd', { projectId, size: 1 })
    for (const [method, input] of [
      ['media.pick', undefined],
      ['export.save', { projectId, suggestedName: 'a.mp4' }],
      ['report.savePdf', { suggestedName: 'a.pdf' }],
    ] as const) {
      expect(await call(method, input, window)).toEqual({
        ok: false,
        error: { code: 'FAILED', message: `${method}: the calling window is gone` },
      })
    }
    expect(showOpenDialog).not.toHaveBeenCalled()
    expect(showSaveDialog).not.toHaveBeenCalled()
    expect(printToPdf).not.toHaveBeenCalled()
  })
})
