import type { ReeldeskBridge } from '../../shared/ipc/contract'
import { createElectronMedia, type FetchStored } from './electron-media'
import type { Platform } from './platform'

export function createElectronPlatform(
  bridge: ReeldeskBridge,
  fetchStored?: FetchStored,
): Platform {
  const media = createElectronMedia(bridge, fetchStored)
  return {
    kind: 'electron',
    async info() {
      const info = await bridge.invoke('app.info', undefined)
      return {
        shell: 'electron',
        version: info.version,
        os: info.platform,
        serverUrl: info.serverUrl,
      }
    },
    openExternal: (url) => bridge.invoke('shell.openExternal', { url }),
    secrets: {
      get: (key) => bridge.invoke('tokens.get', { key }),
      set: (key, value) => bridge.invoke('tokens.set', { key, value }),
      delete: (key) => bridge.invoke('tokens.delete', { key }),
    },
    media: media.store,
    pickMediaFiles: media.pickMediaFiles,
    keepExport: media.keepExport,
    saveExport: media.saveExport,
  }
}
