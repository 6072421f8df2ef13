import path from 'node:path'
import type {
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron'
import type { Frame, Page } from 'playwright-core'
import { APP_ORIGIN } from '../shared/app-origin'
import { BRIDGE_GLOBAL } from '../shared/ipc/envelope'
import { ExportFiles } from '../main/export-save'
import { createIpcDispatcher } from '../main/ipc/dispatcher'
import { createIpcHandlers, type DialogParent } from '../main/ipc/handlers'
import { MediaFiles } from '../main/media-files'
import { createMediaResponder } from '../main/media-protocol'
import { TokenStore } from '../main/token-store'

/**
 * The desktop's main process for a web-build page in Chromium: the real IPC dispatcher and
 * handler table (main/ipc/handlers.ts) with the real media, export and token services on a
 * temporary data folder, and fake native dialogs that answer what the test queued. See
 * desktop-bridge.e2e.test.ts for what this can and cannot prove.
 */

const BINDING = '__reeldeskSimulatedMain'

/** The one window of the simulated app; dialogs must be parented to it. */
export class SimulatedWindow implements DialogParent {
  closed = false
  isDestroyed(): boolean {
    return this.closed
  }
}

interface Shown<O> {
  readonly window: SimulatedWindow
  readonly options: O
}

/**
 * Native dialogs that answer from a queue. A dialog nobody queued an answer for fails the call:
 * a test never gets a silent default.
 */
export class FakeDialogs {
  readonly opened: Shown<OpenDialogOptions>[] = []
  readonly saved: Shown<SaveDialogOptions>[] = []
  private readonly openAnswers: (readonly string[] | null)[] = []
  private readonly saveAnswers: (string | null)[] = []

  /** The next open dialog chooses these files; null: the user cancels it. */
  answerOpen(filePaths: readonly string[] | null): void {
    this.openAnswers.push(filePaths)
  }

  /** The next save dialog chooses this file; null: the user cancels it. */
  answerSave(filePath: string | null): void {
    this.saveAnswers.push(filePath)
  }

  showOpenDialog = async (
    window: SimulatedWindow,
    options: OpenDialogOptions,
  ): Promise<OpenDialogReturnValue> => {
    this.opened.push({ window, options })
    const answer = this.openAnswers.shift()
    if (answer === undefined) throw new Error('an open dialog no test expected')
    return answer === null
      ? { canceled: true, filePaths: [] }
      : { canceled: false, filePaths: [...answer] }
  }

  showSaveDialog = async (
    window: SimulatedWindow,
    options: SaveDialogOptions,
  ): Promise<SaveDialogReturnValue> => {
    this.saved.push({ window, options })
    const answer = this.saveAnswers.shift()
    if (answer === undefined) throw new Error('a save dialog no test expected')
    return answer === null
      ? { canceled: true, filePath: '' }
      : { canceled: false, filePath: answer }
  }
}

export interface SimulatedMain {
  readonly window: SimulatedWindow
  readonly dialogs: FakeDialogs
  readonly media: MediaFiles
  readonly renders: ExportFiles
  /** Every call that reached the dispatcher, in order, and whether it succeeded. */
  readonly calls: { readonly method: string; readonly ok: boolean }[]
}

/** Uint8Array payloads cross Playwright's JSON boundary as `{ __bytes: base64 }`. */
function decodeBytes(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(decodeBytes)
  if ('__bytes' in value && typeof value.__bytes === 'string') {
    return new Uint8Array(Buffer.from(value.__bytes, 'base64'))
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBytes(v)]))
}

/**
 * The URL main would see for the calling frame: the top frame of our page, mapped to the app
 * origin it has on the desktop; anything else (a subframe, another site) gets none and is
 * refused by the dispatcher, as register.ts does.
 */
function senderUrl(frame: Frame, page: Page, webOrigin: string): string | undefined {
  if (frame !== page.mainFrame()) return undefined
  const url = new URL(frame.url())
  return url.origin === webOrigin ? `${APP_ORIGIN}${url.pathname}${url.search}` : undefined
}

/**
 * What the preload exposes, rebuilt in the page (it runs there, serialised: no imports): main's
 * reply envelope comes back untouched, failures included, and the page's IPC client unwraps it.
 */
function installBridge({ binding, global }: { binding: string; global: string }): void {
  if (window !== window.top) return
  type Reply =
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }
  const send = (window as unknown as Record<string, (m: string, i: unknown) => Promise<Reply>>)[
    binding
  ]
  const toBase64 = (bytes: Uint8Array): string => {
    let text = ''
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    }
    return btoa(text)
  }
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return { __bytes: toBase64(value) }
    if (typeof value !== 'object' || value === null) return value
    if (Array.isArray(value)) return value.map(encode)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
  }
  const bridge = Object.freeze({
    kind: 'electron',
    async invoke(method: string, input: unknown) {
      // The envelope goes back untouched, as the preload does (see ReeldeskBridge).
      const reply = await send?.(method, encode(input))
      if (!reply) throw new Error('the simulated main process is not connected')
      return reply
    },
  })
  Object.defineProperty(window, global, { value: bridge, enumerable: true })
}

/**
 * Gives `page` the desktop bridge before any of its scripts run, and serves
 * `<webOrigin>/@media/…` with main's media protocol responder (the desktop's app://reeldesk/@media/…).
 */
export async function installDesktopBridge(
  page: Page,
  { webOrigin, dataDir }: { webOrigin: string; dataDir: string },
): Promise<SimulatedMain> {
  const appWindow = new SimulatedWindow()
  const dialogs = new FakeDialogs()
  const media = new MediaFiles(path.join(dataDir, 'userData', 'media'))
  const renders = new ExportFiles(path.join(dataDir, 'userData', 'exports'))
  // A stand-in for safeStorage that counts as strong, so tokens are written as on a real desktop.
  const tokens = new TokenStore(path.join(dataDir, 'userData'), {
    isStrong: () => true,
    encrypt: (plain) => Buffer.from(plain),
    decrypt: (cipher) => cipher.toString(),
  })
  const handlers = createIpcHandlers<SimulatedWindow>(
    {
      version: '0.0.0-e2e',
      electronVersion: 'simulated',
      platform: process.platform,
      showOpenDialog: dialogs.showOpenDialog,
      showSaveDialog: dialogs.showSaveDialog,
      openExternalSafely: async () => undefined,
      showNotification: () => false,
      // Chromium's own print-to-PDF (CDP Page.printToPDF), which Electron's
      // webContents.printToPDF wraps: the page's print stylesheet lays the pages out.
      printToPdf: async () =>
        new Uint8Array(
          await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }),
        ),
    },
    {
      tokens,
      serverUrl: webOrigin,
      media,
      renders,
      videosFolder: () => path.join(dataDir, 'Videos'),
      documentsFolder: () => path.join(dataDir, 'Documents'),
    },
  )
  const dispatch = createIpcDispatcher(handlers)
  const calls: SimulatedMain['calls'][number][] = []

  await page.exposeBinding(BINDING, async (source, method: string, input: unknown) => {
    const result = await dispatch(
      senderUrl(source.frame, source.page, webOrigin),
      { method, input: decodeBytes(input) },
      { window: appWindow },
    )
    calls.push({ method, ok: result.ok })
    return result
  })
  await page.addInitScript(installBridge, { binding: BINDING, global: BRIDGE_GLOBAL })

  const respond = createMediaResponder(media)
  await page.route(`${webOrigin}/@media/**`, async (route) => {
    const request = route.request()
    const response = await respond(
      new Request(`${APP_ORIGIN}${new URL(request.url()).pathname}`, {
        method: request.method(),
        headers: request.headers(),
      }),
    )
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    })
  })

  return { window: appWindow, dialogs, media, renders, calls }
}
