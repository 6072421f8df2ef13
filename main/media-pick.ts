import path from 'node:path'
import type { FileFilter, OpenDialogOptions, OpenDialogReturnValue } from 'electron'
import type { IpcOutput } from '../shared/ipc/contract'
import { MEDIA_EXTENSIONS, MEDIA_TYPES } from '../shared/ipc/media-files'
import { createLogger } from '../shared/logger'
import { displayName, MediaRefusal, type MediaFiles } from './media-files'

const log = createLogger('media-pick')

/**
 * Electron's `dialog.showOpenDialog`, already parented to the calling window. Injected: the real
 * one needs the Electron binary, which the test machine cannot download, so tests pass a fake.
 */
export type ShowOpenDialog = (options: OpenDialogOptions) => Promise<OpenDialogReturnValue>

export type PickResult = IpcOutput<'media.pick'>

/** All accepted types first (the dialog's default), then one filter per kind. */
export const MEDIA_FILTERS: FileFilter[] = [
  { name: 'Video, audio and images', extensions: [...MEDIA_EXTENSIONS] },
  { name: 'Video', extensions: Object.keys(MEDIA_TYPES.video) },
  { name: 'Audio', extensions: Object.keys(MEDIA_TYPES.audio) },
  { name: 'Images', extensions: Object.keys(MEDIA_TYPES.image) },
]

/**
 * `media.pick`: the native open dialog, then each chosen file copied into the media folder, one
 * at a time (two 2 GiB copies at once only compete for the disk). The paths never leave main;
 * the renderer gets ids, names and sizes, and the files refused with their reason.
 */
export async function pickMedia(
  files: Pick<MediaFiles, 'copyIn'>,
  showOpenDialog: ShowOpenDialog,
): Promise<PickResult> {
  const choice = await showOpenDialog({
    title: 'Import media',
    buttonLabel: 'Import',
    filters: MEDIA_FILTERS,
    properties: ['openFile', 'multiSelections'],
  })
  const result: PickResult = { files: [], refusals: [] }
  if (choice.canceled) return result
  for (const filePath of choice.filePaths) {
    const name = displayName(path.basename(filePath))
    try {
      result.files.push(await files.copyIn(filePath))
    } catch (error) {
      if (error instanceof MediaRefusal) {
        log.info('picked file refused', { name, code: error.code, reason: error.message })
        result.refusals.push({ name, code: error.code, size: error.size })
      } else {
        log.warn('picked file could not be copied', { name, error: String(error) })
        result.refusals.push({ name, code: 'storage-failed', size: null })
      }
    }
  }
  return result
}
