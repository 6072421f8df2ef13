import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserWindow } from 'electron'
import { app, safeStorage, session } from 'electron'
import { createLogger } from '../shared/logger'
import { RENDERER_JS_FLAGS } from '../shared/renderer-flags'
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './app-protocol'
import { ExportFiles } from './export-save'
import { createHandlers, registerIpc } from './ipc/register'
import { MediaFiles } from './media-files'
import { createMediaResponder } from './media-protocol'
import { isPermissionAllowed } from './permissions'
import { TokenStore } from './token-store'
import { createMainWindow } from './window'

const log = createLogger('main')
const here = path.dirname(fileURLToPath(import.meta.url))
const rendererDir = path.join(here, '../renderer')
const preloadDir = path.join(here, '../preload')

/** The sync server the renderer talks to; `npm start` passes the one it started. */
const serverUrl = process.env.REELDESK_SERVER_URL ?? 'http://127.0.0.1:4400'

/** The save dialog's default folder; some Linux setups have no Videos folder configured. */
function videosFolder(): string {
  try {
    return app.getPath('videos')
  } catch {
    return app.getPath('home')
  }
}

/** A report's save dialog opens in Documents, or home where none is configured. */
function documentsFolder(): string {
  try {
    return app.getPath('documents')
  } catch {
    return app.getPath('home')
  }
}

registerAppSchemeAsPrivileged()
app.enableSandbox()
// Only --expose-gc, for the export workers (shared/renderer-flags.ts says why): no V8 mitigation
// is turned off.
app.commandLine.appendSwitch('js-flags', RENDERER_JS_FLAGS) // eng-disable CUSTOM_ARGUMENTS_JS_CHECK

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  void app.whenReady().then(() => {
    const ses = session.defaultSession
    ses.setPermissionRequestHandler((wc, permission, callback) =>
      callback(isPermissionAllowed(permission, wc.getURL())),
    )
    ses.setPermissionCheckHandler((wc, permission) =>
      wc ? isPermissionAllowed(permission, wc.getURL()) : false,
    )
    const userData = app.getPath('userData')
    // Imported originals and finished renders live in the app's data folder, reached by the
    // renderer only through ids (IPC) and app://reeldesk/@media/… (read-only, see media-protocol).
    const media = new MediaFiles(path.join(userData, 'media'))
    const renders = new ExportFiles(path.join(userData, 'exports'))
    void Promise.all([media.clearPartials(), renders.clearPartials()]).catch((error: unknown) =>
      log.warn('unfinished uploads could not be cleared', { error: String(error) }),
    )
    handleAppProtocol(ses, rendererDir, [new URL(serverUrl).origin], createMediaResponder(media))

    const tokens = new TokenStore(userData, {
      isStrong: () =>
        safeStorage.isEncryptionAvailable() &&
        (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (cipher) => safeStorage.decryptString(cipher),
    })
    registerIpc(
      createHandlers({ tokens, serverUrl, media, renders, videosFolder, documentsFolder }),
    )

    mainWindow = createMainWindow(preloadDir)
    mainWindow.on('closed', () => (mainWindow = null))
    log.info('window opened', { serverUrl })
  })

  app.on('window-all-closed', () => app.quit())
}
