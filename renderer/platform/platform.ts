/**
 * What the renderer needs from the machine it runs on. Two implementations: the Electron bridge
 * (desktop) and browser APIs (web mode: agency reviewers, `npm start` without Electron, e2e).
 * Feature code depends on this interface only, never on `window.reeldesk` directly.
 */
import type { PickRefusalCode } from '../../shared/ipc/media-files'
import type { MediaFileStore } from '../features/editor/media/media-store'

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

/** A file the native dialog's copy refused before the import could look at it. */
export interface MediaPickRefusal {
  readonly fileName: string
  readonly code: PickRefusalCode
  /** Null when the file could not be measured. */
  readonly sizeBytes: number | null
}

export interface PickedMedia {
  /** Already kept on this device: `media.storedId(file)` names the id each is stored under. */
  readonly files: readonly File[]
  readonly refusals: readonly MediaPickRefusal[]
}

export type ExportSaveResult = { saved: true; fileName: string } | { saved: false }

/**
 * Signing in to a platform from the desktop: main listens once on a loopback address, opens the
 * platform's sign-in page in the system browser and hands back the code and state it is
 * redirected with (RFC 8252). The web mode has none: the page itself is redirected back.
 */
export interface PlatformSignIn {
  /** Starts the loopback listener; the redirect URI goes into the sign-in request. */
  begin(): Promise<{ loginId: string; redirectUri: string }>
  /** Opens `authorizeUrl` in the system browser and waits for the redirect. */
  finish(loginId: string, authorizeUrl: string): Promise<{ code: string; state: string }>
}

/** Whether system notifications may be shown: asked for in the browser, given on the desktop. */
export type NoticePermission = 'granted' | 'denied' | 'default' | 'unsupported'

/** System notifications (deal reminders): Electron's Notification, or the browser's. */
export interface SystemNotifications {
  permission(): NoticePermission
  /** Asks the user (the browser's prompt); the desktop needs no asking. */
  request(): Promise<NoticePermission>
  show(notice: { title: string; body: string }): Promise<boolean>
}

export interface Platform {
  readonly kind: 'electron' | 'web'
  info(): Promise<PlatformInfo>
  /** Opens an allowlisted https link outside the app; rejects with the reason otherwise. */
  openExternal(url: string): Promise<void>
  /** Session tokens: safeStorage on desktop, IndexedDB on the web. */
  readonly secrets: SecretStore
  /** Imported originals and thumbnails: the app's data folder on desktop, OPFS on the web. */
  readonly media: MediaFileStore
  /**
   * The native open dialog (desktop): main copies the chosen files into `media` and refuses
   * empty or too-large ones by name. Null on the web, where the UI keeps its file input.
   * A cancelled dialog gives no files and no refusals.
   */
  readonly pickMediaFiles: (() => Promise<PickedMedia>) | null
  /** Keeps a finished render on this device; returns the ref recorded on the project. */
  keepExport(projectId: string, mp4: Blob): Promise<string>
  /**
   * The native save dialog (desktop) for the render `keepExport` kept, proposing `fileName` in
   * the user's Videos folder. Null on the web, where the UI offers a download link instead.
   */
  readonly saveExport: ((projectId: string, fileName: string) => Promise<ExportSaveResult>) | null
  /**
   * Desktop: main prints this window (its print stylesheet shows only the report the page laid
   * out) to PDF and offers a save dialog in Documents. Null on the web, where the report is
   * generated in the page and downloaded.
   */
  readonly printReport: ((fileName: string) => Promise<ExportSaveResult>) | null
  /** Desktop: platform sign-in through the system browser and a loopback redirect. */
  readonly platformSignIn: PlatformSignIn | null
  readonly notifications: SystemNotifications
}
