/**
 * What the renderer needs from the machine it runs on. Two implementations: the Electron bridge
 * (desktop) and browser APIs (web mode: agency reviewers, `npm start` without Electron, e2e).
 * Feature code depends on this interface only, never on `window.reeldesk` directly.
 */
export interface PlatformInfo {
  shell: 'electron' | 'web'
  version: string
  os: string
  /** Origin of the sync server: the page's own in web mode, the one main was given on desktop. */
  serverUrl: string
}

export interface SecretStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

export interface Platform {
  readonly kind: 'electron' | 'web'
  info(): Promise<PlatformInfo>
  /** Opens an allowlisted https link outside the app; rejects with the reason otherwise. */
  openExternal(url: string): Promise<void>
  /** Session tokens: safeStorage on desktop, IndexedDB on the web. */
  readonly secrets: SecretStore
}
