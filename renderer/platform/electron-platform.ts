import type { ReeldeskBridge } from '../../shared/ipc/contract'
import { createElectronMedia, uploadName, type FetchStored } from './electron-media'
import { createIpcClient } from './ipc-client'
import type { Platform } from './platform'

export function createElectronPlatform(
  bridge: ReeldeskBridge,
  fetchStored?: FetchStored,
): Platform {
  const ipc = createIpcClient(bridge)
  const media = createElectronMedia(ipc, fetchStored)
  return {
    kind: 'electron',
    async info() {
      const info = await ipc.invoke('app.info', undefined)
      return {
        shell: 'electron',
        version: info.version,
        os: info.platform,
        serverUrl: info.serverUrl,
      }
    },
    openExternal: (url) => ipc.invoke('shell.openExternal', { url }),
    secrets: {
      get: (key) => ipc.invoke('tokens.get', { key }),
      set: (key, value) => ipc.invoke('tokens.set', { key, value }),
      delete: (key) => ipc.invoke('tokens.delete', { key }),
    },
    media: media.store,
    pickMediaFiles: media.pickMediaFiles,
    keepExport: media.keepExport,
    saveExport: media.saveExport,
    printReport: (fileName) =>
      ipc.invoke('report.savePdf', { suggestedName: uploadName(fileName) }),
    notifications: {
      permission: () => 'granted',
      request: () => Promise.resolve('granted'),
      show: async (notice) => (await ipc.invoke('notify.show', notice)).shown,
    },
    platformSignIn: {
      begin: () => ipc.invoke('oauth.begin', undefined),
      finish: (loginId, authorizeUrl) => ipc.invoke('oauth.finish', { loginId, authorizeUrl }),
    },
  }
}
