import { useState } from 'react'
import { createLogger } from '../../../shared/logger'
import { currentPlatform } from '../../platform'
import { downloadBlob } from './csv'
import { buildReport, type ReportInput } from './pdf-report'
import { chartImage } from './report-chart-image'
import { loadReportFonts } from './report-fonts'
import { ReportPrintView } from './ReportPrintView'

const log = createLogger('analytics-report')

type Status =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'saved'; fileName: string }
  | { kind: 'failed'; message: string }

/**
 * "PDF report": on the desktop the window prints the report laid out for paper and main saves it
 * where the user chooses; on the web the PDF is generated in the page and downloaded. The report
 * is read from `report` at the click, so it is always the period on screen.
 */
export function PdfReportButton({
  fileName,
  report,
  disabled = false,
}: {
  fileName: string
  report: () => ReportInput
  disabled?: boolean
}) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const [printing, setPrinting] = useState<ReportInput | null>(null)
  const platform = currentPlatform()

  const fail = (error: unknown) => {
    log.warn('report failed', { error: String(error) })
    const reason = error instanceof Error ? error.message : String(error)
    setStatus({ kind: 'failed', message: `The report could not be made: ${reason}` })
  }

  const make = async () => {
    setStatus({ kind: 'working' })
    try {
      const input = report()
      if (platform.printReport) {
        setPrinting(input) // printed once ReportPrintView says its charts are drawn
        return
      }
      const fonts = await loadReportFonts()
      downloadBlob(fileName, buildReport(input, fonts, chartImage))
      setStatus({ kind: 'idle' })
    } catch (error) {
      fail(error)
    }
  }

  const print = async () => {
    try {
      const result = await platform.printReport?.(fileName)
      setStatus(result?.saved ? { kind: 'saved', fileName: result.fileName } : { kind: 'idle' })
    } catch (error) {
      fail(error)
    } finally {
      setPrinting(null)
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--small"
        disabled={disabled || status.kind === 'working'}
        aria-busy={status.kind === 'working'}
        onClick={() => void make()}
      >
        {status.kind === 'working' ? 'Making PDF…' : 'PDF report'}
      </button>
      {status.kind === 'saved' && (
        <span className="muted" role="status">
          Saved {status.fileName}
        </span>
      )}
      {status.kind === 'failed' && (
        <span className="form-error" role="alert">
          {status.message}
        </span>
      )}
      {printing && <ReportPrintView input={printing} onReady={() => void print()} />}
    </>
  )
}
