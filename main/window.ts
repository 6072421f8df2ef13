import path from 'node:path'
import { BrowserWindow, shell } from 'electron'
import { APP_ENTRY_URL } from '../shared/app-origin'
import { checkExternalLink } from '../shared/security/external-links'
import { createLogger } from '../shared/logger'
import { isNavigationAllowed } from './navigation'

const log = createLogger('window')

/** Opens an https link from the allowlist in the user's browser; anything else is refused. */
export async function openExternalSafely(raw: string): Promise<void> {
  const verdict = checkExternalLink(raw)
  if (!verdict.ok) throw new Error(`link refused: ${verdict.reason}`)
  await shell.openExternal(verdict.url) // eng-disable OPEN_EXTERNAL_JS_CHECK: checked just above
}

export function createMainWindow(preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0f1115',
    title: 'Reeldesk',
    webPreferences: {
      // Reviewed: the preload exposes one frozen object whose only door is the validated IPC channel.
      preload: path.join(preloadDir, 'index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows (Electron checklist).
      disableBlinkFeatures: 'Auxclick',
    },
  })

  win.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url)) {
      event.preventDefault()
      log.warn('blocked navigation', { url })
    }
  })
  win.webContents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url)) event.preventDefault()
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  // New windows are never created; an allowlisted https link goes to the system browser instead.
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url).catch((error: unknown) =>
      log.warn('blocked window.open', { url, reason: String(error) }),
    )
    return { action: 'deny' }
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(APP_ENTRY_URL)
  return win
}
