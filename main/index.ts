import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserWindow } from 'electron'
import { app, safeStorage, session } from 'electron'
import { createLogger } from '../shared/logger'
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './app-protocol'
import { createHandlers, registerIpc } from './ipc/register'
import { isPermissionAllowed } from './permissions'
import { TokenStore } from './token-store'
import { createMainWindow } from './window'

const log = createLogger('main')
const here = path.dirname(fileURLToPath(import.meta.url))
const rendererDir = path.join(here, '../renderer')
const preloadDir = path.join(here, '../preload')

/** The sync server the renderer talks to; `npm start` passes the one it started. */
const serverUrl = process.env.REELDESK_SERVER_URL ?? 'http://127.0.0.1:4400'

registerAppSchemeAsPrivileged()
app.enableSandbox()

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
    handleAppProtocol(ses, rendererDir, [new URL(serverUrl).origin])

    const tokens = new TokenStore(app.getPath('userData'), {
      isStrong: () =>
        safeStorage.isEncryptionAvailable() &&
        (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (cipher) => safeStorage.decryptString(cipher),
    })
    registerIpc(createHandlers(tokens, serverUrl))

    mainWindow = createMainWindow(preloadDir)
    mainWindow.on('closed', () => (mainWindow = null))
    log.info('window opened', { serverUrl })
  })

  app.on('window-all-closed', () => app.quit())
}
