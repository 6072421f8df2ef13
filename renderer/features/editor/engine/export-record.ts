import { z } from 'zod'

/**
 * What the last export of a project was made with, kept beside its render on this device: the
 * engine (and why the fallback ran), the settings, how long it took. The editor shows it with
 * the "Last exported" line; it never leaves the device (renders do not replicate either).
 */
export const exportRecordSchema = z.strictObject({
  engine: z.enum(['webcodecs', 'ffmpeg']),
  fallbackReason: z.string().max(500).nullable(),
  quality: z.enum(['smaller', 'balanced', 'best']).nullable(),
  preset: z.string().max(20).nullable(),
  elapsedMs: z.number().nonnegative(),
  bytes: z.number().int().nonnegative(),
  at: z.number().int().nonnegative(),
})
export type ExportRecord = z.infer<typeof exportRecordSchema>

const FOLDER = 'export-records'

async function folder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory()
  return root.getDirectoryHandle(FOLDER, { create: true })
}

export async function saveExportRecord(projectId: string, record: ExportRecord): Promise<void> {
  const handle = await (await folder()).getFileHandle(`${projectId}.json`, { create: true })
  const writable = await handle.createWritable()
  await writable.write(JSON.stringify(exportRecordSchema.parse(record)))
  await writable.close()
}

/** The record, or null if there is none (or it cannot be read: it is only informative). */
export async function loadExportRecord(projectId: string): Promise<ExportRecord | null> {
  try {
    const file = await (await (await folder()).getFileHandle(`${projectId}.json`)).getFile()
    const parsed = exportRecordSchema.safeParse(JSON.parse(await file.text()))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** "with the WebCodecs engine" / "with ffmpeg.wasm, because …": how the UI says it. */
export function describeEngine(record: Pick<ExportRecord, 'engine' | 'fallbackReason'>): string {
  if (record.engine === 'webcodecs') return 'with the WebCodecs engine (this browser’s encoder)'
  return record.fallbackReason
    ? `with ffmpeg.wasm, because ${record.fallbackReason}`
    : 'with ffmpeg.wasm'
}
