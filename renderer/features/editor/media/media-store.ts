import { currentPlatform } from '../../../platform'

/**
 * Where an imported file's bytes live on this device. Only metadata replicates (the `media`
 * document); the original stays here for preview and export. The web build keeps it in the
 * origin private file system (opfs-store.ts); the desktop build in the app's data folder through
 * the main process (renderer/platform/electron-media.ts). `deviceMediaStore()` picks the one
 * this page runs on.
 */
export interface MediaFileStore {
  /** Copies the original in; replaces any earlier copy under the same id. */
  saveOriginal(id: string, file: Blob): Promise<void>
  /** Whether this device holds the original (imported here, or downloaded). */
  hasOriginal(id: string): Promise<boolean>
  /** The original as a File named as the user named it (the export engine reads File.name). */
  loadOriginal(id: string, fileName: string): Promise<File>
  saveThumbnail(id: string, thumbnail: Blob): Promise<void>
  loadThumbnail(id: string): Promise<Blob | null>
  /** Removes the original and the thumbnail; missing files are fine. */
  remove(id: string): Promise<void>
  /** Bytes still available to this origin, or null when the browser does not say. */
  available(): Promise<number | null>
  /**
   * The id this very File is already stored under, or null. The desktop's native dialog has
   * main copy the picked files in before the import reads them; the import then keeps that id
   * instead of storing the bytes a second time. Stores without such files leave it out.
   */
  storedId?(file: File): string | null
}

/** This device's store: main's media folder on desktop, OPFS on the web. */
export function deviceMediaStore(): MediaFileStore {
  return currentPlatform().media
}
