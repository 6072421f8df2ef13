import { app, ipcMain, type IpcMainInvokeEvent } from 'electron'
import { IPC_CHANNEL } from '../../shared/ipc/envelope'
import { createLogger } from '../../shared/logger'
import type { TokenStore } from '../token-store'
import { openExternalSafely } from '../window'
import { createIpcDispatcher, type IpcHandlers } from './dispatcher'

const log = createLogger('ipc')

export function createHandlers(tokens: TokenStore, serverUrl: string): IpcHandlers {
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
  }
}

/**
 * The single IPC channel. Only the top frame of our own window may call it: the sender frame's
 * URL is parsed and compared with the app origin by the dispatcher; a subframe is refused here.
 */
export function registerIpc(handlers: IpcHandlers): void {
  const dispatch = createIpcDispatcher(handlers)
  ipcMain.handle(IPC_CHANNEL, async (event: IpcMainInvokeEvent, request: unknown) => {
    const frame = event.senderFrame
    const isTopFrame = frame !== null && frame === event.sender.mainFrame
    const result = await dispatch(isTopFrame ? frame.url : undefined, request)
    if (!result.ok)
      log.warn('IPC call refused', { code: result.error.code, message: result.error.message })
    return result
  })
}
