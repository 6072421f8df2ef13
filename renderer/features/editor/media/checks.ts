import { MediaImportError } from './import-error'
import {
  MAX_DIMENSION,
  MAX_DURATION_MS,
  MAX_FILE_BYTES,
  formatBytes,
  formatDuration,
} from './limits'

/** Checked before any byte is read: cheap refusals first. */
export function checkSize(fileName: string, sizeBytes: number): void {
  if (sizeBytes === 0) throw new MediaImportError('empty', fileName)
  if (sizeBytes > MAX_FILE_BYTES) {
    throw new MediaImportError('too-large', fileName, { actual: formatBytes(sizeBytes) })
  }
}

export function checkDuration(fileName: string, durationMs: number): void {
  if (durationMs > MAX_DURATION_MS) {
    throw new MediaImportError('too-long', fileName, { actual: formatDuration(durationMs) })
  }
}

export function checkDimensions(fileName: string, width: number, height: number): void {
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw new MediaImportError('too-many-pixels', fileName, { actual: `${width}×${height}` })
  }
}
