import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { IPC_CHANNEL } from '../../shared/ipc/envelope'
import { createLogger } from '../../shared/logger'
import type { ExportFiles, ShowSaveDialog } from '../export-save'
import type { MediaFiles } from '../media-files'
import { pickMedia, type ShowOpenDialog } from '../media-pick'
import type { TokenStore } from '../token-store'
import { openExternalSafely } from '../window'
import { createIpcDispatcher, type IpcCaller, type IpcHandlers } from './dispatcher'

const log = createLogger('ipc')

export interface MainServices {
  readonly tokens: TokenStore
  readonly serverUrl: string
  readonly media: MediaFiles
  readonly renders: ExportFiles
  /** Where the save dialog opens: the user's Videos folder. */
  readonly videosFolder: () => string
}

/** A dialog is modal to the window that asked for it, never free-floating or on another one. */
function callerWindow(caller: IpcCaller<BrowserWindow>): BrowserWindow {
  if (!caller.window || caller.window.isDestroyed()) throw new Error('the calling window is gone')
  return caller.window
}

const openDialogFor =
  (win: BrowserWindow): ShowOpenDialog =>
  (options) =>
    dialog.showOpenDialog(win, options)

const saveDialogFor =
  (win: BrowserWindow): ShowSaveDialog =>
  (options) =>
    dialog.showSaveDialog(win, options)

export function createHandlers(services: MainServices): IpcHandlers<BrowserWindow> {
  const { tokens, serverUrl, media, renders } = services
  return {
    'app.info': () => ({
      version: app.getVersion(),
      platform: process.platform,
      electron: process.versions.electron ?? 'unknown',
      serverUrl,
    }),
    'shell.openExternal': ({ url }) => openExternalSafely(url),
    'tokens.get': ({ key }) => tokens.get(key),
    'tokens.set': ({ key, value }) => tokens.set(key, value),
    'tokens.delete': ({ key }) => tokens.delete(key),
    'media.pick': (_input, caller) => pickMedia(media, openDialogFor(callerWindow(caller))),
    'media.saveChunk': ({ id, offset, bytes }) => media.writeChunk(id, offset, bytes),
    'media.saveEnd': ({ id, name, size }) => media.finishUpload(id, name, size),
    'media.saveThumbnail': ({ id, bytes }) => media.saveThumbnail(id, bytes),
    'media.remove': ({ id }) => media.remove(id),
    'media.available': () => media.available(),
    'export.keepChunk': ({ projectId, offset, bytes }) =>
      renders.keepChunk(projectId, offset, bytes),
    'export.keepEnd': ({ projectId, size }) => renders.keepEnd(projectId, size),
    'export.save': ({ projectId, suggestedName }, caller) =>
      renders.saveAs(
        projectId,
        suggestedName,
        saveDialogFor(callerWindow(caller)),
        services.videosFolder(),
      ),
  }
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
