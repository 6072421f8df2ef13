import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startSandboxDemo } from './auth-helpers'
import { launchChromium } from './chromium'
import { installDesktopBridge, type SimulatedMain } from './desktop-bridge'
import { chartRedPixels, pdfText } from './fixtures/pdf'

/**
 * The desktop's analytics report: the page lays the report out for paper, main prints the
 * window (Chromium's print-to-PDF, here through the simulated main of desktop-bridge.ts, which
 * calls the same CDP print Electron's webContents.printToPDF wraps) and saves it through the
 * native save dialog. Read back with pdftotext / pdftoppm.
 */
let dir = ''
let browser: Browser
let page: Page
let main: SimulatedMain
const pageErrors: string[] = []

beforeAll(async () => {
  const baseUrl = inject('baseUrl')
  dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-desktop-report-'))
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
  page.on('pageerror', (error) => pageErrors.push(String(error)))
  main = await installDesktopBridge(page, { webOrigin: baseUrl, dataDir: dir })
  await startSandboxDemo(page, baseUrl)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the analytics report on the desktop', () => {
  it('prints the window’s report layout to PDF and saves it where the dialog chose', async () => {
    await page.goto(`${inject('baseUrl')}/#/analytics`)
    const heading = page.getByRole('heading', { name: /^Analytics · @/ })
    await heading.waitFor({ timeout: 40_000 })
    await page.getByRole('button', { name: 'Last 28 days' }).click()
    const followers = page.locator('[data-kpi="followers"] .kpi__value')
    await expect
      .poll(async () => (await followers.textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/\d/)
    const handle = ((await heading.textContent()) ?? '').replace(/^Analytics · /, '')

    // Cancelled: nothing saved, nothing said, the button is ready again.
    main.dialogs.answerSave(null)
    await page.getByRole('button', { name: 'PDF report' }).click()
    await expect.poll(() => main.dialogs.saved.length, { timeout: 30_000 }).toBe(1)
    await page.getByRole('button', { name: 'PDF report' }).and(page.locator(':enabled')).waitFor()
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /^Saved / })
        .count(),
    ).toBe(0)

    const target = path.join(dir, 'chosen-report.pdf')
    main.dialogs.answerSave(target)
    await page.getByRole('button', { name: 'PDF report' }).click()
    await page.getByRole('status').filter({ hasText: 'Saved chosen-report.pdf' }).waitFor()
    const offered = main.dialogs.saved[1]?.options.defaultPath ?? ''
    expect(path.dirname(offered)).toBe(path.join(dir, 'Documents'))
    expect(path.basename(offered)).toMatch(
      /^reeldesk-report-.+-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.pdf$/,
    )

    const text = pdfText(target)
    expect(text).toContain(handle)
    expect(text).toContain('Headline numbers')
    expect(text).toContain('Top posts')
    const followersLine = text.split('\n').find((l) => /^\s*Followers\s/.test(l)) ?? ''
    expect(followersLine).toMatch(/\d/)
    // Page 2 holds the headline numbers and the charts: their lines are drawn in red.
    expect(chartRedPixels(target, 2)).toBeGreaterThan(100)
    // Only the report is printed: none of the app's navigation made it onto the pages.
    expect(text).not.toMatch(/\bEarnings\b|\bEligibility\b/)
    // The app is back as it was: the print layout is gone.
    expect(await page.locator('.report-print').count()).toBe(0)
    expect(pageErrors).toEqual([])
  })
})
