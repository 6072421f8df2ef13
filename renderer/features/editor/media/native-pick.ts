import { useCallback, useState } from 'react'
import { createLogger } from '../../../../shared/logger'
import { currentPlatform, type MediaPickRefusal } from '../../../platform'
import { refusalMessage } from './import-error'
import type { Refusal } from './library-store'
import { formatBytes } from './limits'
import type { MediaFileStore } from './media-store'

const log = createLogger('media-pick')

let counter = 0

/** A refusal from main's copy, worded like the import's own (same codes, same sentences). */
export function pickRefusal(refused: MediaPickRefusal): Refusal {
  counter += 1
  const actual =
    refused.code === 'too-large' && refused.sizeBytes !== null
      ? { actual: formatBytes(refused.sizeBytes) }
      : {}
  return {
    key: `pick-${counter}`,
    fileName: refused.fileName,
    code: refused.code,
    message: refusalMessage(refused.fileName, refused.code, actual),
  }
}

export interface NativePick {
  /** Opens the native dialog; null where there is none (web) or originals go elsewhere. */
  readonly pick: (() => Promise<void>) | null
  /** True while main copies the chosen files in (before the import reads them). */
  readonly copying: boolean
  readonly refusals: readonly Refusal[]
  dismiss(key: string): void
}

/**
 * The desktop's "Import media": the native open dialog, main copies the files into the data
 * folder, and the copies go through the same import as dropped files. Only offered when the
 * library stores into this device's store, where the picked copies already are.
 */
export function useNativePick(
  fileStore: MediaFileStore,
  importFiles: (files: readonly File[]) => Promise<void>,
): NativePick {
  const platform = currentPlatform()
  const pickFiles = fileStore === platform.media ? platform.pickMediaFiles : null
  const [copying, setCopying] = useState(false)
  const [refusals, setRefusals] = useState<readonly Refusal[]>([])

  const pick = useCallback(async () => {
    if (!pickFiles) return
    setCopying(true)
    let files: readonly File[] = []
    try {
      const picked = await pickFiles()
      files = picked.files
      if (picked.refusals.length > 0) {
        setRefusals((list) => [...list, ...picked.refusals.map(pickRefusal)])
      }
    } catch (error) {
      log.error('the native dialog failed', { error: String(error) })
      counter += 1
      setRefusals((list) => [
        ...list,
        {
          key: `pick-${counter}`,
          fileName: 'the chosen files',
          code: 'unexpected',
          message: 'The chosen files could not be imported because of an unexpected error.',
        },
      ])
    } finally {
      setCopying(false)
    }
    await importFiles(files)
  }, [pickFiles, importFiles])

  const dismiss = useCallback(
    (key: string) => setRefusals((list) => list.filter((r) => r.key !== key)),
    [],
  )

  return { pick: pickFiles ? pick : null, copying, refusals, dismiss }
}
