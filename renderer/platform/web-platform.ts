import { createStore, del, get, set } from 'idb-keyval'
import { tokenKeySchema } from '../../shared/ipc/contract'
import { checkExternalLink } from '../../shared/security/external-links'
import { opfsMediaStore, opfsRenders } from '../features/editor/media/opfs-store'
import type { Platform } from './platform'

/**
 * Browser implementation: IndexedDB for tokens, a new tab (no opener) for external links, the
 * origin private file system for media and renders; the UI's file input and download link stand
 * in for native dialogs.
 */
export function createWebPlatform(): Platform {
  const store = createStore('reeldesk-secrets', 'tokens')
  const checkKey = (key: string) => tokenKeySchema.parse(key)
  return {
    kind: 'web',
    info: () =>
      Promise.resolve({
        shell: 'web',
        version: import.meta.env.VITE_APP_VERSION ?? '0.0.0',
        os: navigator.platform || 'unknown',
        serverUrl: window.location.origin,
      }),
    openExternal(url) {
      const verdict = checkExternalLink(url)
      if (!verdict.ok) return Promise.reject(new Error(`link refused: ${verdict.reason}`))
      window.open(verdict.url, '_blank', 'noopener,noreferrer')
      return Promise.resolve()
    },
    secrets: {
      get: async (key) => (await get<string>(checkKey(key), store)) ?? null,
      set: (key, value) => set(checkKey(key), value, store),
      delete: (key) => del(checkKey(key), store),
    },
    media: opfsMediaStore,
    pickMediaFiles: null,
    keepExport: (projectId, mp4) => opfsRenders.saveExport(projectId, mp4),
    saveExport: null,
    printReport: null,
    // The web mode signs in by redirecting this page (see features/accounts/platform-link.ts).
    platformSignIn: null,
    notifications: {
      permission: () => ('Notification' in window ? Notification.permission : 'unsupported'),
      async request() {
        if (!('Notification' in window)) return 'unsupported'
        return Notification.requestPermission()
      },
      show(notice) {
        if (!('Notification' in window) || Notification.permission !== 'granted')
          return Promise.resolve(false)
        new Notification(notice.title, { body: notice.body })
        return Promise.resolve(true)
      },
    },
  }
}
