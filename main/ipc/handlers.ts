import type {
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron'
import type { ExportFiles } from '../export-save'
import type { MediaFiles } from '../media-files'
import { pickMedia } from '../media-pick'
import { createLoopbackLogins, type LoopbackLogins } from '../oauth-loopback'
import { saveReportPdf } from '../report-save'
import type { TokenStore } from '../token-store'
import type { IpcCaller, IpcHandlers } from './dispatcher'

export interface MainServices {
  readonly tokens: TokenStore
  readonly serverUrl: string
  readonly media: MediaFiles
  readonly renders: ExportFiles
  /** Where the save dialog opens: the user's Videos folder. */
  readonly videosFolder: () => string
  /** Where a report's save dialog opens: the user's Documents folder. */
  readonly documentsFolder: () => string
  /** Platform sign-ins waiting for their loopback redirect (one is made when not given). */
  readonly logins?: LoopbackLogins
}

/** What a dialog needs of the window it is parented to (Electron's BrowserWindow has it). */
export interface DialogParent {
  isDestroyed(): boolean
}

/**
 * Everything the handlers need from Electron, passed in so this module never imports it: Node
 * tests (and the desktop-bridge e2e) build the real table with fake dialogs. register.ts passes
 * `app`, `dialog` and `shell`.
 */
export interface ElectronShell<W extends DialogParent> {
  /** `app.getVersion()`. */
  readonly version: string
  /** `process.versions.electron`. */
  readonly electronVersion: string
  readonly platform: string
  readonly showOpenDialog: (window: W, options: OpenDialogOptions) => Promise<OpenDialogReturnValue>
  readonly showSaveDialog: (window: W, options: SaveDialogOptions) => Promise<SaveDialogReturnValue>
  /** Opens an allowlisted https link in the user's browser; refuses anything else. */
  readonly openExternalSafely: (url: string) => Promise<void>
  /** Shows a system notification (Electron's Notification); false where the OS has none. */
  readonly showNotification: (notice: { title: string; body: string }) => boolean
  /** The window's page printed to PDF on A4 (`webContents.printToPDF`), as bytes. */
  readonly printToPdf: (window: W) => Promise<Uint8Array>
}

/** A dialog is modal to the window that asked for it, never free-floating or on another one. */
function callerWindow<W extends DialogParent>(caller: IpcCaller<W>): W {
  if (!caller.window || caller.window.isDestroyed()) throw new Error('the calling window is gone')
  return caller.window
}

/** The handler of every IPC method: the whole of what the renderer can ask main to do. */
export function createIpcHandlers<W extends DialogParent>(
  shell: ElectronShell<W>,
  services: MainServices,
): IpcHandlers<W> {
  const { tokens, serverUrl, media, renders } = services
  const logins = services.logins ?? createLoopbackLogins()
  return {
    'app.info': () => ({
      version: shell.version,
      platform: shell.platform,
      electron: shell.electronVersion,
      serverUrl,
    }),
    'shell.openExternal': ({ url }) => shell.openExternalSafely(url),
    'notify.show': ({ title, body }) => ({ shown: shell.showNotification({ title, body }) }),
    'tokens.get': ({ key }) => tokens.get(key),
    'tokens.set': ({ key, value }) => tokens.set(key, value),
    'tokens.delete': ({ key }) => tokens.delete(key),
    'oauth.begin': () => logins.begin(),
    // Only an allowlisted https sign-in page is opened (openExternalSafely refuses the rest).
    'oauth.finish': ({ loginId, authorizeUrl }) =>
      logins.finish(loginId, authorizeUrl, shell.openExternalSafely),
    'media.pick': (_input, caller) => {
      const window = callerWindow(caller)
      return pickMedia(media, (options) => shell.showOpenDialog(window, options))
    },
    'media.saveChunk': ({ id, offset, bytes }) => media.writeChunk(id, offset, bytes),
    'media.saveEnd': ({ id, name, size }) => media.finishUpload(id, name, size),
    'media.saveThumbnail': ({ id, bytes }) => media.saveThumbnail(id, bytes),
    'media.remove': ({ id }) => media.remove(id),
    'media.available': () => media.available(),
    'export.keepChunk': ({ projectId, offset, bytes }) =>
      renders.keepChunk(projectId, offset, bytes),
    'export.keepEnd': ({ projectId, size }) => renders.keepEnd(projectId, size),
    'report.savePdf': async ({ suggestedName }, caller) => {
      const window = callerWindow(caller)
      const pdf = await shell.printToPdf(window)
      return saveReportPdf(
        pdf,
        suggestedName,
        (options) => shell.showSaveDialog(window, options),
        services.documentsFolder(),
      )
    },
    'export.save': ({ projectId, suggestedName }, caller) => {
      const window = callerWindow(caller)
      return renders.saveAs(
        projectId,
        suggestedName,
        (options) => shell.showSaveDialog(window, options),
        services.videosFolder(),
      )
    },
  }
}
