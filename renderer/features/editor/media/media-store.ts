/**
 * Where an imported file's bytes live on this device. Only metadata replicates (the `media`
 * document); the original stays here for preview and export. The web build keeps it in the
 * origin private file system; the desktop build can swap in a native implementation.
 */
export interface MediaFileStore {
  /** Copies the original in; replaces any earlier copy under the same id. */
  saveOriginal(id: string, file: Blob): Promise<void>
  /** The original as a File named as the user named it (the export engine reads File.name). */
  loadOriginal(id: string, fileName: string): Promise<File>
  saveThumbnail(id: string, thumbnail: Blob): Promise<void>
  loadThumbnail(id: string): Promise<Blob | null>
  /** Removes the original and the thumbnail; missing files are fine. */
  remove(id: string): Promise<void>
  /** Bytes still available to this origin, or null when the browser does not say. */
  available(): Promise<number | null>
}
