import { jsPDF } from 'jspdf'
import type { DailyPoint, Totals } from '../../../shared/analytics/metric-math'
import { echarts } from '../../ui/echarts'
import { formatChange, formatCount, formatDurationMs, formatPercent } from './format'

/**
 * The PDF report of an account or the roll-up, generated in the page (web mode and desktop
 * alike: jsPDF, no print dialog needed): a cover, the headline numbers with their changes,
 * charts drawn by the same chart library offscreen, and the top posts or accounts.
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

/** A chart drawn offscreen on a white background, as a PNG data URL. */
function chartImage(chart: ReportChart, width: number, height: number): string {
  const host = document.createElement('div')
  host.style.cssText = `position:fixed;left:-10000px;top:0;width:${width}px;height:${height}px`
  document.body.append(host)
  const instance = echarts.init(host, undefined, { renderer: 'canvas', width, height })
  try {
    instance.setOption({
      animation: false,
      grid: { left: 60, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: chart.points.map((p) => p.date) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCount(v) } },
      series: [
        {
          type: 'line',
          showSymbol: false,
          lineStyle: { color: '#d81e44', width: 2 },
          data: chart.points.map((p) => (chart.show === 'gain' ? p.gain : p.level)),
        },
      ],
    })
    return instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' })
  } finally {
    instance.dispose()
    host.remove()
  }
}

/**
 * The PDF's built-in fonts cover Latin-1 only: other characters (emoji in captions, some
 * punctuation) are replaced rather than printed as garbage.
 */
export function pdfText(text: string): string {
  return text
    .replace(/[\u2012-\u2015]/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[^\u0020-\u007e\u00a0-\u00ff]/gu, '')
    .trim()
}

export function buildReport(input: ReportInput): Blob {
  const doc = new jsPDF({ unit: 'pt', format: 'a4' })
  const margin = 48
  const width = doc.internal.pageSize.getWidth() - margin * 2
  const bottom = doc.internal.pageSize.getHeight() - margin

  // Cover.
  doc.setFont('helvetica', 'bold').setFontSize(28).text(pdfText(input.title), margin, 200)
  doc.setFont('helvetica', 'normal').setFontSize(14).text(pdfText(input.subtitle), margin, 232)
  doc.setFontSize(10).setTextColor(110).text('Made with Reeldesk', margin, bottom)
  doc.setTextColor(0)

  // Headline numbers.
  doc.addPage()
  let y = margin
  doc.setFont('helvetica', 'bold').setFontSize(16).text('Headline numbers', margin, y)
  y += 24
  doc.setFontSize(10)
  for (const h of input.headlines) {
    doc.setFont('helvetica', 'normal').text(h.label, margin, y)
    doc.setFont('helvetica', 'bold').text(pdfText(h.value), margin + 200, y)
    doc.setFont('helvetica', 'normal').text(pdfText(h.change), margin + 340, y)
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
    doc.setFont('helvetica', 'bold').setFontSize(12).text(chart.title, margin, y)
    y += 8
    doc.addImage(chartImage(chart, 760, 240), 'PNG', margin, y, width, h)
    y += h
  }

  // Table.
  doc.addPage()
  y = margin
  doc.setFont('helvetica', 'bold').setFontSize(16).text(input.table.title, margin, y)
  y += 24
  const cols = input.table.header.length
  const firstWidth = width * 0.4
  const otherWidth = (width - firstWidth) / Math.max(1, cols - 1)
  const x = (i: number) => (i === 0 ? margin : margin + firstWidth + otherWidth * (i - 1))
  const line = (cells: readonly string[], bold: boolean) => {
    doc.setFont('helvetica', bold ? 'bold' : 'normal').setFontSize(9)
    cells.forEach((cell, i) => {
      const text = i === 0 ? (doc.splitTextToSize(cell, firstWidth - 8)[0] ?? '') : cell
      doc.text(pdfText(String(text)), x(i), y)
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
