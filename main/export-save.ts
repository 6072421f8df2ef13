import { copyFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron'
import { isUuidV7 } from '../shared/data/ids'
import type { IpcOutput } from '../shared/ipc/contract'
import { EXPORT_MAX_BYTES } from '../shared/ipc/media-files'
import { safeFileName } from './file-names'
import { PartialFiles } from './partial-files'

/**
 * Electron's `dialog.showSaveDialog`, already parented to the calling window. Injected: the real
 * one needs the Electron binary, which the test machine cannot download, so tests pass a fake.
 */
export type ShowSaveDialog = (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>

export type ExportSaveResult = IpcOutput<'export.save'>

function assertProjectId(projectId: string): void {
  if (!isUuidV7(projectId)) throw new Error('project ids are lower-case UUIDv7')
}

/**
 * Finished renders on the desktop. The renderer sends the MP4 in pieces into
 * `<userData>/exports/<projectId>.mp4` (the copy recorded on the project, as the web keeps one
 * in OPFS), then asks for a save dialog; main copies that kept file to where the user chose,
 * file to file, so the render crosses IPC once however often it is saved.
 */
export class ExportFiles {
  private readonly partials: PartialFiles

  constructor(readonly dir: string) {
    this.partials = new PartialFiles(path.join(dir, '.partial'), EXPORT_MAX_BYTES)
  }

  keptPath(projectId: string): string {
    assertProjectId(projectId)
    return path.join(this.dir, `${projectId}.mp4`)
  }

  async keepChunk(projectId: string, offset: number, bytes: Uint8Array): Promise<void> {
    assertProjectId(projectId)
    await this.partials.append(projectId, offset, bytes)
  }

  /** Replaces the project's kept render once all `size` bytes arrived. */
  async keepEnd(projectId: string, size: number): Promise<void> {
    await this.partials.complete(projectId, size, this.keptPath(projectId))
  }

  /**
   * Shows the save dialog in `defaultFolder` (the user's Videos folder) proposing a sanitised
   * `suggestedName`, and copies the kept render there. Cancelled: `{ saved: false }`. The
   * answer names the file, never the folder: paths stay in main.
   */
  async saveAs(
    projectId: string,
    suggestedName: string,
    showSaveDialog: ShowSaveDialog,
    defaultFolder: string,
  ): Promise<ExportSaveResult> {
    const kept = this.keptPath(projectId)
    if (!(await stat(kept).catch(() => null))?.isFile()) {
      throw new Error('no finished export of this project is kept on this device: export it again')
    }
    const choice = await showSaveDialog({
      title: 'Save the export',
      defaultPath: path.join(defaultFolder, safeFileName(suggestedName, '.mp4')),
      buttonLabel: 'Save',
      filters: [{ name: 'MP4 video', extensions: ['mp4'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    })
    if (choice.canceled || !choice.filePath) return { saved: false }
    await copyFile(kept, choice.filePath)
    return { saved: true, fileName: path.basename(choice.filePath) }
  }

  /** Drops renders a previous run left half-sent (call at start). */
  clearPartials(): Promise<void> {
    return this.partials.clear()
  }
}
