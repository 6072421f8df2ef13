import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  type IpcMainInvokeEvent,
} from 'electron'
import { IPC_CHANNEL } from '../../shared/ipc/envelope'
import { createLogger } from '../../shared/logger'
import { openExternalSafely } from '../window'
import { createIpcDispatcher, type IpcHandlers } from './dispatcher'
import { createIpcHandlers, type MainServices } from './handlers'

const log = createLogger('ipc')

/** The handler table with Electron's real app info, dialogs and shell (see ./handlers). */
export function createHandlers(services: MainServices): IpcHandlers<BrowserWindow> {
  return createIpcHandlers<BrowserWindow>(
    {
      version: app.getVersion(),
      electronVersion: process.versions.electron ?? 'unknown',
      platform: process.platform,
      showOpenDialog: (window, options) => dialog.showOpenDialog(window, options),
      showSaveDialog: (window, options) => dialog.showSaveDialog(window, options),
      openExternalSafely,
      showNotification: ({ title, body }) => {
        if (!Notification.isSupported()) return false
        new Notification({ title, body }).show()
        return true
      },
      // The page's print stylesheet decides what is on the pages; backgrounds keep the charts'.
      printToPdf: async (window) =>
        new Uint8Array(
          await window.webContents.printToPDF({
            pageSize: 'A4',
            printBackground: true,
            preferCSSPageSize: true,
          }),
        ),
    },
    services,
  )
}

/**
 * The single IPC channel. Only the top frame of our own window may call it: the sender frame's
 * URL is parsed and compared with the app origin by the dispatcher; a subframe is refused here.
 * The calling window goes along so dialogs are parented to it.
 */
export function registerIpc(handlers: IpcHandlers<BrowserWindow>): void {
  const dispatch = createIpcDispatcher(handlers)
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, request: unknown) => {
    const frame = event.senderFrame
    const isTopFrame = frame !== null && frame === event.sender.mainFrame
    const result = await dispatch(isTopFrame ? frame.url : undefined, request, {
      window: BrowserWindow.fromWebContents(event.sender),
    })
    if (!result.ok)
      log.warn('IPC call refused', { code: result.error.code, message: result.error.message })
    return result
  })
}
