import { jsPDF } from 'jspdf'
import type { DailyPoint, Totals } from '../../../shared/analytics/metric-math'
import { printableText } from '../../../shared/analytics/printable-text'
import { formatChange, formatCount, formatDurationMs, formatPercent } from './format'

/**
 * The PDF report of an account or the roll-up generated in the page (the web mode's; the
 * desktop prints the same report through the window, see ReportPrintView): a cover, the
 * headline numbers with their changes, charts drawn by the same chart library offscreen, and the
 * top posts or accounts. Text is set in an embedded DejaVu Sans (jsPDF's built-in fonts cover
 * Latin-1 only, so a Cyrillic or Greek handle would vanish).
 */

export interface ReportHeadline {
  label: string
  value: string
  change: string
}

export interface ReportChart {
  title: string
  points: readonly DailyPoint[]
  show: 'gain' | 'level'
}

export interface ReportInput {
  title: string
  subtitle: string
  headlines: readonly ReportHeadline[]
  charts: readonly ReportChart[]
  table: { title: string; header: readonly string[]; rows: readonly (readonly string[])[] }
}

export function headlinesOf(current: Totals, previous: Totals | null): ReportHeadline[] {
  const row = (label: string, key: keyof Totals, format: (n: number | null) => string) => {
    const now = current[key]
    const before = previous?.[key] ?? null
    const change =
      previous === null
        ? ''
        : now === null || before === null || before === 0
          ? 'no earlier data'
          : formatChange((now - before) / Math.abs(before))
    return { label, value: format(now), change }
  }
  return [
    row('Followers', 'followers', (n) => formatCount(n, true)),
    row('New followers', 'followersGained', (n) => formatCount(n, true)),
    row('Views', 'views', (n) => formatCount(n, true)),
    row('Likes', 'likes', (n) => formatCount(n, true)),
    row('Comments', 'comments', (n) => formatCount(n, true)),
    row('Shares', 'shares', (n) => formatCount(n, true)),
    row('Saves', 'saves', (n) => formatCount(n, true)),
    row('Watch time', 'watchTimeMs', formatDurationMs),
    row('Average watch time', 'averageWatchMs', formatDurationMs),
    row('Engagement rate', 'engagementRate', formatPercent),
  ]
}

/** The TrueType files the report is set in (see report-fonts.ts). */
export interface ReportFonts {
  readonly regular: Uint8Array
  readonly bold: Uint8Array
}

/** Draws a chart as a PNG data URL of `width`×`height` (report-chart-image.ts in the page). */
export type ChartImage = (chart: ReportChart, width: number, height: number) => string

const FONT = 'DejaVuSans'

function base64Of(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

export function buildReport(input: ReportInput, fonts: ReportFonts, chartImage: ChartImage): Blob {
  const doc = new jsPDF({ unit: 'pt', format: 'a4' })
  doc.addFileToVFS(`${FONT}.ttf`, base64Of(fonts.regular))
  doc.addFont(`${FONT}.ttf`, FONT, 'normal')
  doc.addFileToVFS(`${FONT}-Bold.ttf`, base64Of(fonts.bold))
  doc.addFont(`${FONT}-Bold.ttf`, FONT, 'bold')
  doc.setFont(FONT, 'normal')
  // Both faces cover the same characters; a glyph id of 0 is the font's "missing" box.
  const glyphs = doc.getFont().metadata as { characterToGlyph(code: number): number }
  const pdfText = (text: string) =>
    printableText(text, (code) => glyphs.characterToGlyph(code) !== 0)
  const margin = 48
  const width = doc.internal.pageSize.getWidth() - margin * 2
  const bottom = doc.internal.pageSize.getHeight() - margin

  // Cover.
  doc.setFont(FONT, 'bold').setFontSize(28).text(pdfText(input.title), margin, 200)
  doc.setFont(FONT, 'normal').setFontSize(14).text(pdfText(input.subtitle), margin, 232)
  doc.setFontSize(10).setTextColor(110).text('Made with Reeldesk', margin, bottom)
  doc.setTextColor(0)

  // Headline numbers.
  doc.addPage()
  let y = margin
  doc.setFont(FONT, 'bold').setFontSize(16).text('Headline numbers', margin, y)
  y += 24
  doc.setFontSize(10)
  for (const h of input.headlines) {
    doc.setFont(FONT, 'normal').text(pdfText(h.label), margin, y)
    doc.setFont(FONT, 'bold').text(pdfText(h.value), margin + 200, y)
    doc.setFont(FONT, 'normal').text(pdfText(h.change), margin + 340, y)
    y += 18
  }

  // Charts.
  for (const chart of input.charts) {
    const h = (width * 240) / 760
    if (y + h + 40 > bottom) {
      doc.addPage()
      y = margin
    }
    y += 24
    doc.setFont(FONT, 'bold').setFontSize(12).text(pdfText(chart.title), margin, y)
    y += 8
    doc.addImage(chartImage(chart, 760, 240), 'PNG', margin, y, width, h)
    y += h
  }

  // Table.
  doc.addPage()
  y = margin
  doc.setFont(FONT, 'bold').setFontSize(16).text(pdfText(input.table.title), margin, y)
  y += 24
  const cols = input.table.header.length
  const firstWidth = width * 0.4
  const otherWidth = (width - firstWidth) / Math.max(1, cols - 1)
  const x = (i: number) => (i === 0 ? margin : margin + firstWidth + otherWidth * (i - 1))
  const line = (cells: readonly string[], bold: boolean) => {
    doc.setFont(FONT, bold ? 'bold' : 'normal').setFontSize(9)
    cells.forEach((cell, i) => {
      const printable = pdfText(cell)
      const text = i === 0 ? (doc.splitTextToSize(printable, firstWidth - 8)[0] ?? '') : printable
      doc.text(String(text), x(i), y)
    })
    y += 16
  }
  line(input.table.header, true)
  for (const row of input.table.rows) {
    if (y > bottom) {
      doc.addPage()
      y = margin
    }
    line(row, false)
  }
  return doc.output('blob')
}
