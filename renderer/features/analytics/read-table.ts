import Papa from 'papaparse'
import type { CellText } from '../../../shared/analytics/import/plan-import'

/** Larger than any analytics download; refused before reading so the page stays responsive. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024

/**
 * The cells of a downloaded table: CSV through Papa Parse (delimiter detected, quotes and
 * newlines in cells handled), XLSX through read-excel-file (its first sheet). Throws an Error
 * with a message for the person when the file cannot be read.
 */
export async function readTable(file: File): Promise<CellText[][]> {
  if (file.size > MAX_IMPORT_BYTES)
    throw new Error('This file is larger than 20 MB; analytics downloads are much smaller.')
  if (/\.xlsx$/i.test(file.name)) {
    const { readSheet } = await import('read-excel-file/browser')
    try {
      return (await readSheet(file)) as CellText[][]
    } catch {
      throw new Error('This file could not be read as an Excel workbook (.xlsx).')
    }
  }
  if (/\.xls$/i.test(file.name))
    throw new Error('Old Excel files (.xls) cannot be read; save it as .xlsx or .csv first.')
  const text = await file.text()
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false })
  return parsed.data
}
