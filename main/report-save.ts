import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { IpcOutput } from '../shared/ipc/contract'
import type { ShowSaveDialog } from './export-save'
import { safeFileName } from './file-names'

export type ReportSaveResult = IpcOutput<'report.savePdf'>

/**
 * The desktop's analytics report: the window printed itself to PDF (Chromium's print-to-PDF,
 * through Electron's `webContents.printToPDF`, so every font the system has is available and the
 * page's print stylesheet lays it out) and main saves those bytes where the user chooses. The
 * bytes come from main's own call, never from the renderer; they are checked anyway, so a
 * failed print is an error and not a broken file on the user's disk.
 */
export async function saveReportPdf(
  pdf: Uint8Array,
  suggestedName: string,
  showSaveDialog: ShowSaveDialog,
  defaultFolder: string,
): Promise<ReportSaveResult> {
  if (pdf.byteLength < 5 || Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw new Error('printing the report did not give a PDF: try again')
  }
  const choice = await showSaveDialog({
    title: 'Save the report',
    defaultPath: path.join(defaultFolder, safeFileName(suggestedName, '.pdf', 'report')),
    buttonLabel: 'Save',
    filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  })
  if (choice.canceled || !choice.filePath) return { saved: false }
  await writeFile(choice.filePath, pdf)
  return { saved: true, fileName: path.basename(choice.filePath) }
}
