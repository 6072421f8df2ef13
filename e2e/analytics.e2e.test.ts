import { readFile } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import writeXlsxFile from 'write-excel-file/node'
import { startSandboxDemo } from './auth-helpers'
import { launchChromium } from './chromium'
import { chartRedPixels, pdfText } from './fixtures/pdf'

// One browser, one sandbox demo workspace (a linked 12k creator with a year of history), a
// second sandbox account linked for the roll-up. The server is the suite's shared one.
let browser: Browser
let context: BrowserContext
let page: Page
let baseUrl: string

async function shoot(name: string) {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `test-results/${name}-${width}.png`, fullPage: false })
  }
}

/** "12,345" / "1.2M" / "—" → number (exact formats only are asserted). */
function exact(text: string | null): number {
  return Number((text ?? '').replace(/[^\d-]/g, ''))
}

async function chooseAccount(label: RegExp) {
  await page.getByRole('button', { name: /^Creator account:/ }).click()
  await page.locator('[role^="menuitem"]').filter({ hasText: label }).first().click()
}

beforeAll(async () => {
  baseUrl = inject('baseUrl')
  browser = await launchChromium()
  context = await browser.newContext({ acceptDownloads: true })
  page = await context.newPage()
  await startSandboxDemo(page, baseUrl)
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

describe('analytics of a linked sandbox account', () => {
  it('shows its year: headline numbers with changes, a drawn chart, and its posts', async () => {
    await page.goto(`${baseUrl}/#/analytics`)
    await page.getByRole('heading', { name: /^Analytics · @/ }).waitFor({ timeout: 40_000 })
    await page.getByRole('button', { name: 'Last 365 days' }).click()
    const views = page.locator('[data-kpi="views"] .kpi__value')
    await expect
      .poll(async () => (await views.textContent()) ?? '', { timeout: 30_000 })
      .not.toBe('—')
    const followers = await page.locator('[data-kpi="followers"] .kpi__value').textContent()
    expect(followers).toMatch(/\d/)
    await page.locator('[data-testid="trend-chart"][data-drawn="true"] canvas').waitFor()
    // The table view of the same chart: one row per day of the period.
    await page.getByRole('button', { name: 'Show as table' }).click()
    const dayRows = page.locator('.trend__table tbody tr')
    await dayRows.first().waitFor()
    expect(await dayRows.count()).toBe(365)
    await page.getByRole('button', { name: 'Show chart' }).click()
    // Posts of the period, virtualized: some rows rendered, not all necessarily.
    const postRows = page.locator('[data-testid="posts-scroller"] [role="row"]')
    await postRows.first().waitFor()
    expect(await postRows.count()).toBeGreaterThan(3)
    await page.getByText(/Numbers up to \d{4}-\d\d-\d\d; synced/).waitFor()
    // Best time to post, from the account's own posts (once their first week of numbers has
    // synced: until then it says there are not enough).
    await expect
      .poll(async () => (await page.getByTestId('best-time-summary').textContent()) ?? '', {
        timeout: 30_000,
      })
      .toMatch(/^Posts published (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:00 \([A-Za-z_/+-]+\) did best/)
    await page.getByRole('button', { name: 'Last 28 days' }).click()
    await shoot('analytics-account')
  })

  it('exports every day of the period as CSV', async () => {
    await page.getByRole('button', { name: 'Last 60 days' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('region', { name: 'Daily' })
        .getByRole('button', { name: 'Export CSV' })
        .click(),
    ])
    const text = await readFile(await download.path(), 'utf8')
    const lines = text.trim().split(/\r?\n/)
    expect(lines[0]).toMatch(/^day,Views that day,Followers/)
    expect(lines).toHaveLength(61)
  })

  it('exports all post rows, not only the visible ones', async () => {
    await page.getByRole('button', { name: 'Last 365 days' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('region', { name: 'Posts in this period' })
        .getByRole('button', { name: 'Export CSV' })
        .click(),
    ])
    const text = await readFile(await download.path(), 'utf8')
    const rendered = await page.locator('[data-testid="posts-scroller"] [role="row"]').count()
    const rows =
      Number(await page.getByRole('table', { name: 'Posts' }).getAttribute('aria-rowcount')) - 1
    expect(text.trim().split(/\r?\n/).length - 1).toBe(rows)
    expect(rows).toBeGreaterThan(rendered)
  })
})

describe('a post’s own page', () => {
  it('opens from the posts table with its curve against the median post, and Esc or back returns', async () => {
    await page.getByRole('button', { name: 'Last 365 days' }).click()
    const first = page.locator('[data-testid="posts-scroller"] .vtable__open').first()
    const caption = ((await first.textContent()) ?? '').trim()
    await first.click()
    await page.getByRole('heading', { level: 2, name: caption }).waitFor()
    expect(page.url()).toMatch(/#\/analytics\/post\/[\w-]+$/)
    await page.locator('[data-testid="curve-chart"][data-drawn="true"] canvas').waitFor()
    await expect
      .poll(async () => (await page.locator('[data-stat="views"] .kpi__value').textContent()) ?? '')
      .toMatch(/\d/)
    // The sandbox account has dozens of older posts: a median exists at this post's age.
    expect(await page.locator('[data-stat="vs-median"] .kpi__value').textContent()).toMatch(/%$/)
    await page.getByRole('button', { name: 'Show as table' }).click()
    const ages = page.locator('.trend__table tbody tr')
    await ages.first().waitFor()
    const medians = await page.locator('.trend__table tbody tr td:nth-child(3)').allTextContents()
    expect(medians.filter((m) => /\d/.test(m)).length).toBeGreaterThan(0)
    expect(await page.getByRole('region', { name: 'Deals and products' }).textContent()).toContain(
      'No deal or product on this post',
    )
    await shoot('analytics-post')
    await page.keyboard.press('Escape')
    await page.getByRole('heading', { name: /^Analytics · @/ }).waitFor()
    expect(page.url()).toMatch(/#\/analytics$/)
    // And the browser's back button.
    await page.locator('[data-testid="posts-scroller"] .vtable__open').first().click()
    await page.getByRole('heading', { level: 2, name: caption }).waitFor()
    await page.goBack()
    await page.getByRole('heading', { name: /^Analytics · @/ }).waitFor()
    // A link to a post this device does not hold says so.
    await page.goto(`${baseUrl}/#/analytics/post/01890a5d-ac96-774b-bcce-000000000000`)
    await page.getByText('This post is not on this device.').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: /Back to posts/ }).click()
    await page.getByRole('heading', { name: /^Analytics · @/ }).waitFor({ timeout: 30_000 })
  })
})

describe('post filters and a custom range', () => {
  const rowCount = async () =>
    Number(await page.getByRole('table', { name: 'Posts' }).getAttribute('aria-rowcount')) - 1

  it('filters the posts table and the chart by deal link, products and length', async () => {
    await page.getByRole('button', { name: 'Last 365 days' }).click()
    await page.locator('[data-testid="posts-scroller"] [role="row"]').first().waitFor()
    const all = await rowCount()
    expect(all).toBeGreaterThan(3)
    const deal = page.getByRole('group', { name: 'Deal' })
    // Sandbox deals come from brand invitations: none names a post yet.
    await deal.getByRole('button', { name: 'Yes' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `0 of ${all} posts match` })
      .waitFor()
    await page.getByText('No post in this period matches the filters above.').waitFor()
    expect(await page.getByTestId('chart-filter-note').textContent()).toBe(
      'Views gained by the 0 matching posts each day.',
    )
    await deal.getByRole('button', { name: 'No' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `${all} of ${all} posts match` })
      .waitFor()
    expect(await rowCount()).toBe(all)
    await page.locator('[data-testid="trend-chart"][data-drawn="true"] canvas').waitFor()
    await page.getByRole('group', { name: 'Products' }).getByRole('button', { name: 'Yes' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `0 of ${all} posts match` })
      .waitFor()
    await page.getByRole('group', { name: 'Products' }).getByRole('button', { name: 'Any' }).click()
    // Videos posted on the platform carry no file here: their length is not known.
    const length = page.getByRole('group', { name: 'Video length' })
    await length.getByRole('button', { name: 'Under 15 s' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `0 of ${all} posts match` })
      .waitFor()
    await length.getByRole('button', { name: 'Length not known' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `${all} of ${all} posts match` })
      .waitFor()
    await shoot('analytics-filters')
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(rowCount).toBe(all)
    expect(await page.getByTestId('chart-filter-note').count()).toBe(0)
  })

  it('takes a custom range typed with the keyboard', async () => {
    await page.goto(`${baseUrl}/#/analytics`)
    await page.getByRole('heading', { name: /^Analytics · @/ }).waitFor({ timeout: 40_000 })
    const day = (back: number) => new Date(Date.now() - back * 86_400_000)
    const typed = (d: Date) =>
      `${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}${d.getUTCFullYear()}`
    const iso = (d: Date) => d.toISOString().slice(0, 10)
    const group = page.locator('.daterange__group')
    await group.getByRole('spinbutton').first().focus()
    await page.keyboard.type(typed(day(20)))
    await group.getByRole('spinbutton').nth(3).focus()
    await page.keyboard.type(typed(day(11)))
    await page
      .getByTestId('freshness')
      .filter({
        hasText: `${iso(day(20))} to ${iso(day(11))}, compared with the 10 days before`,
      })
      .waitFor()
    expect(
      await page.getByRole('button', { name: 'Last 28 days' }).getAttribute('aria-pressed'),
    ).toBe('false')
    const daily = page.getByRole('region', { name: 'Daily' })
    await daily.getByRole('button', { name: 'Show as table' }).click()
    await expect.poll(() => daily.locator('.trend__table tbody tr').count()).toBe(10)
    await daily.getByRole('button', { name: 'Show chart' }).click()
    await shoot('analytics-custom-range')
  })
})

describe('the PDF report', () => {
  it('holds the account’s handle, its headline numbers and drawn charts', async () => {
    await page.getByRole('button', { name: 'Last 28 days' }).click()
    const heading = await page.getByRole('heading', { name: /^Analytics · @/ }).textContent()
    const handle = (heading ?? '').replace(/^Analytics · /, '')
    const views = await page.locator('[data-kpi="views"] .kpi__value').textContent()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PDF report' }).click(),
    ])
    const file = await download.path()
    const text = pdfText(file)
    expect(text).toContain(handle)
    expect(text).toContain('Headline numbers')
    expect(text).toContain('Top posts')
    // The report prints exact counts; the page shows the same number (compact when large).
    const viewsLine = text.split('\n').find((l) => /^\s*Views\s/.test(l)) ?? ''
    const exactViews = exact(viewsLine.replace(/^\s*Views\s+/, '').split(/\s{2,}/)[0] ?? '')
    expect(exactViews).toBeGreaterThan(0)
    if (!/[KMB]/.test(views ?? '')) expect(exactViews).toBe(exact(views))
    // Page 2 holds the charts: rendered, it has the red pixels of their lines.
    expect(chartRedPixels(file, 2)).toBeGreaterThan(100)
  })
})

describe('importing the platform’s download', () => {
  // Days two years back: before the sandbox's history, so they are new to the account.
  const day = (back: number) => new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10)
  const csv = [
    'Overview export',
    'Date,Video Views,Likes,Comments,Shares,Profile Views',
    `${day(740)},"1,200",100,4,2,30`,
    `${day(739)},1.3K,110,5,1,31`,
    `not a date,5,5,5,5,5`,
    `${day(738)},900,90,3,0,29`,
  ].join('\n')

  async function importFile(name: string, mimeType: string, buffer: Buffer) {
    await page.getByRole('button', { name: 'Import file' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer })
    await dialog.getByRole('status').waitFor()
    return dialog
  }

  it('previews a CSV (bad rows with their reason), imports it, and a second import changes nothing', async () => {
    await page.getByRole('button', { name: 'All time' }).click()
    const dialog = await importFile('overview.csv', 'text/csv', Buffer.from(csv))
    await dialog.getByText('3 days to import').waitFor()
    await dialog.getByText('Row 5: “not a date” is not a date').waitFor()
    await shoot('analytics-import')
    await dialog.getByRole('button', { name: 'Import 3 days' }).click()
    await page.getByText(/^Imported 3 days for @/).waitFor()
    // All time now starts at the imported days.
    await expect
      .poll(async () => page.getByTestId('freshness').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^${day(740)} to `))

    const again = await importFile('overview.csv', 'text/csv', Buffer.from(csv))
    await again.getByRole('button', { name: 'Import 3 days' }).click()
    await page.getByText(/^Imported 0 days for @/).waitFor()
    await page.getByText('3 days were already known and left as they are.').waitFor()
  })

  it('reads an Excel workbook with German column names and maps an unknown column by hand', async () => {
    const buffer = await writeXlsxFile([
      [{ value: 'Datum' }, { value: 'Videoaufrufe' }, { value: 'Reichweite' }],
      [{ value: day(745) }, { value: 500 }, { value: 7 }],
      [{ value: day(744) }, { value: 600 }, { value: 8 }],
    ]).toBuffer()
    const dialog = await importFile(
      'overview.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    )
    await dialog.getByText('2 days to import').waitFor()
    await dialog.getByLabel('Reichweite').selectOption('shares')
    await dialog.getByRole('button', { name: 'Import 2 days' }).click()
    await page.getByText(/^Imported 2 days for @/).waitFor()
  })
})

describe('the agency roll-up', () => {
  it('sums every account: the total row equals the sum of the account rows', async () => {
    await page.goto(`${baseUrl}/#/accounts`)
    await page.getByRole('button', { name: 'Link sandbox account' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText('250k followers').click()
    await dialog.getByRole('button', { name: 'Link sandbox account' }).click()
    await page.getByRole('status').filter({ hasText: 'Sandbox account linked' }).waitFor()
    await expect
      .poll(async () => page.getByRole('row').filter({ hasText: 'Linked' }).count(), {
        timeout: 60_000,
      })
      .toBe(2)
    await page.goto(`${baseUrl}/#/analytics`)
    await chooseAccount(/^All accounts/)

    const rollup = page.getByTestId('rollup')
    // Both accounts' histories have arrived when every row has views in the period.
    await expect
      .poll(
        async () => {
          const views = await rollup.locator('tbody td[data-cell="views"]').allTextContents()
          return views.length === 2 && views.every((c) => exact(c) > 0)
        },
        { timeout: 90_000 },
      )
      .toBe(true)
    const cells = await rollup.locator('tbody td[data-cell="views"]').allTextContents()
    const total = await rollup.locator('tfoot td[data-cell="views"]').textContent()
    expect(cells.map(exact).reduce((a, b) => a + b, 0)).toBe(exact(total))
    expect(exact(total)).toBeGreaterThan(0)
    await shoot('analytics-rollup')

    // A group sums just its accounts: make one of the second account, then show it.
    const handles = await rollup.getByRole('button', { name: /^@/ }).allTextContents()
    const second = handles[1] ?? ''
    await page.getByRole('button', { name: 'Groups…' }).click()
    const groups = page.getByRole('dialog', { name: 'Account groups' })
    await groups.getByRole('button', { name: 'Create group' }).click()
    await groups.getByRole('alert').filter({ hasText: 'Give the group a name.' }).waitFor()
    await groups.getByLabel('Group name').fill('Big clients')
    await groups.getByRole('checkbox', { name: second }).check({ force: true })
    await groups.getByRole('button', { name: 'Create group' }).click()
    await groups.getByRole('listitem').filter({ hasText: 'Big clients (1)' }).waitFor()
    await shoot('analytics-groups-dialog')
    await groups.getByRole('button', { name: 'Close' }).click()
    await page.getByRole('heading', { name: 'Analytics · Big clients' }).waitFor()
    await expect.poll(() => rollup.locator('tbody tr').count(), { timeout: 30_000 }).toBe(1)
    expect(await rollup.getByRole('button', { name: /^@/ }).textContent()).toBe(second)
    const groupTotal = await rollup.locator('tfoot td[data-cell="views"]').textContent()
    const secondViews = await rollup.locator('tbody td[data-cell="views"]').textContent()
    expect(exact(groupTotal)).toBe(exact(secondViews))
    await shoot('analytics-rollup-group')
    // Back to every account for the next test.
    await page.locator('.account-groups .select-button').click()
    await page.getByRole('option', { name: 'All accounts' }).click()
    await expect.poll(() => rollup.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2)
  }, 240_000)

  it('keeps working from the local store after the network is gone', async () => {
    await context.setOffline(true)
    try {
      await page.getByRole('button', { name: 'Last 7 days' }).click()
      const rollup = page.getByTestId('rollup')
      expect(await rollup.locator('tbody tr').count()).toBe(2)
      await rollup.getByRole('button', { name: /^@/ }).first().click()
      await page.getByRole('heading', { name: /^Analytics · @/ }).waitFor()
      await page.locator('[data-testid="trend-chart"][data-drawn="true"] canvas').waitFor()
      expect(await page.locator('[data-kpi="views"] .kpi__value').textContent()).not.toBe('—')
    } finally {
      await context.setOffline(false)
    }
  })
})
