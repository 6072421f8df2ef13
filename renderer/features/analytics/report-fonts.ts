import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url'
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'
import type { ReportFonts } from './pdf-report'

/**
 * The report's fonts, fetched from the app's own assets the first time a PDF is made (1.4 MB
 * that no other screen needs) and kept for the page's life; jsPDF embeds only the glyphs used.
 */
let loading: Promise<ReportFonts> | null = null

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`the report's font could not be loaded (${response.status})`)
  return new Uint8Array(await response.arrayBuffer())
}

export function loadReportFonts(): Promise<ReportFonts> {
  loading ??= Promise.all([fetchBytes(regularUrl), fetchBytes(boldUrl)]).then(
    ([regular, bold]) => ({ regular, bold }),
    (error: unknown) => {
      loading = null // a later click tries again
      throw error
    },
  )
  return loading
}
