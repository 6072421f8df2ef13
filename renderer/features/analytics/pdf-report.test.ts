import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Totals } from '../../../shared/analytics/metric-math'
import { buildReport, headlinesOf, type ReportInput } from './pdf-report'

/**
 * The web mode's PDF (jsPDF in the page) built in Node with the fonts the page loads, read back
 * with poppler's pdftotext as a reader would see it. Charts need a canvas, so none here (the
 * analytics e2e makes a report with charts in Chromium).
 */
const require = createRequire(import.meta.url)
const fontFile = (name: string) =>
  new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}`)))
const fonts = { regular: fontFile('DejaVuSans.ttf'), bold: fontFile('DejaVuSans-Bold.ttf') }
const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-pdf-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const noCharts = () => {
  throw new Error('no chart expected')
}

async function textOf(input: ReportInput): Promise<{ text: string; bytes: number }> {
  const blob = buildReport(input, fonts, noCharts)
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, new Uint8Array(await blob.arrayBuffer()))
  return {
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    bytes: blob.size,
  }
}

const totals: Totals = {
  followers: 12_400,
  followersGained: 1_200,
  views: 480_000,
  likes: 36_000,
  comments: 1_100,
  shares: 900,
  saves: 700,
  watchTimeMs: 3_600_000,
  profileViews: 2_000,
  averageWatchMs: 7_500,
  engagementRate: 0.0806,
}

describe('buildReport (web mode PDF)', () => {
  it('prints handles and captions in Cyrillic, Greek and accented Latin, and leaves out emoji and CJK', async () => {
    const { text, bytes } = await textOf({
      title: '@мария_влог',
      subtitle: 'Last 28 days: 2026-11-02 to 2026-11-29 – Ελληνικά',
      headlines: headlinesOf(totals, { ...totals, followers: 10_000 }),
      charts: [],
      table: {
        title: 'Top posts',
        header: ['Post', 'Published', 'Views'],
        rows: [
          ['Zoë’s “first” vlog 🚀', '2026-11-03', '12K'],
          ['東京 trip day 1', '2026-11-04', '9K'],
        ],
      },
    })
    expect(text).toContain('@мария_влог')
    expect(text).toContain('Ελληνικά')
    expect(text).toContain('Zoë’s “first” vlog')
    expect(text).toContain('trip day 1')
    expect(text).not.toContain('東京')
    expect(text).toMatch(/Followers\s+12,400\s+\+24%/)
    // jsPDF embeds a subset of each face (about 0.3 MB here), not the 1.46 MB of font files.
    expect(bytes).toBeLessThan(500_000)
  })

  it('makes a readable report when a title has no printable character at all', async () => {
    const { text } = await textOf({
      title: '🔥🔥',
      subtitle: 'All accounts',
      headlines: headlinesOf(totals, null),
      charts: [],
      table: { title: 'Accounts', header: ['Account'], rows: [] },
    })
    expect(text).toContain('All accounts')
    expect(text).toContain('Headline numbers')
  })
})
