import { mkdir } from 'node:fs/promises'
import type { Browser, ConsoleMessage, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { isVendorNotice, signUpThroughUi, syncStatus } from './auth-helpers'
import { launchChromium } from './chromium'

const AREAS = [
  'Editor',
  'Publish',
  'Analytics',
  'Earnings',
  'Eligibility',
  'Deals',
  'Shop',
  'Accounts',
]

let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  browser = await launchChromium()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  page = await context.newPage()
  page.on('console', (msg: ConsoleMessage) => {
    if ((msg.type() === 'error' || msg.type() === 'warning') && !isVendorNotice(msg.text())) {
      problems.push(`${msg.type()}: ${msg.text()}`)
    }
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
})

afterAll(async () => {
  await browser?.close()
})

describe('web mode shell', () => {
  it('serves the renderer with CSP and cross-origin isolation', async () => {
    const response = await page.goto(inject('baseUrl'))
    expect(response?.status()).toBe(200)
    const headers = response?.headers() ?? {}
    expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(headers['cross-origin-opener-policy']).toBe('same-origin')
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp')
    await page.getByRole('heading', { level: 1, name: 'Reeldesk' }).waitFor()
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true)
  })

  it('refuses a wrong password with a clear message', async () => {
    // Its own page: the refused request is logged by the browser, which the console check counts.
    const other = await browser.newPage()
    await other.goto(inject('baseUrl'))
    await other.getByLabel('Email').fill('nobody@example.com')
    await other.getByLabel('Password').fill('not the password')
    await other.getByRole('button', { name: 'Sign in' }).click()
    await other.getByRole('alert').filter({ hasText: 'wrong email or password' }).waitFor()
    expect(await other.getByRole('heading', { level: 1, name: 'Reeldesk' }).count()).toBe(1)
    await other.close()
  })

  it('signs up into the studio', async () => {
    await signUpThroughUi(page, inject('baseUrl'))
    await syncStatus(page).filter({ hasText: 'Synced' }).waitFor({ timeout: 30_000 })
  })

  it('reaches every area from the navigation, each with an empty state', async () => {
    const nav = page.getByRole('navigation', { name: 'Areas' })
    for (const area of AREAS) {
      await nav.getByRole('link', { name: area }).click()
      await page.getByRole('heading', { level: 1, name: area }).waitFor()
      expect(await nav.getByRole('link', { name: area }).getAttribute('aria-current')).toBe('page')
      expect(
        await page.getByRole('main').getByRole('heading', { level: 2 }).count(),
      ).toBeGreaterThan(0)
      expect(page.url()).toContain(`#/${area.toLowerCase()}`)
    }
  })

  it('switches areas with Ctrl+number and keeps deep links', async () => {
    await page.keyboard.press('Control+3')
    await page.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor()
    await page.goto(`${inject('baseUrl')}/#/deals`)
    await page.getByRole('heading', { level: 1, name: 'Deals' }).waitFor()
  })

  it('toggles between dark and light themes and shows keyboard focus', async () => {
    const html = page.locator('html')
    expect(await html.getAttribute('data-theme')).toBe('dark')
    const toggle = page.getByRole('button', { name: 'Light theme' })
    await toggle.click()
    expect(await html.getAttribute('data-theme')).toBe('light')
    await toggle.click()
    expect(await html.getAttribute('data-theme')).toBe('dark')
    // Moving focus by keyboard from the toggle lands on the sync status's neighbour, visibly.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Sign out',
    )
    const outline = await page.evaluate(() => {
      const el = document.activeElement
      return el ? getComputedStyle(el).outlineStyle : 'none'
    })
    expect(outline).not.toBe('none')
  })

  it('gives every control an accessible name', async () => {
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, a, input, select, textarea')]
        .filter((el) => !(el.getAttribute('aria-label') || el.textContent?.trim()))
        .map((el) => el.outerHTML.slice(0, 80)),
    )
    expect(unnamed).toEqual([])
  })

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([])
  })

  it('renders the studio for the README screenshot', async () => {
    // Always saved with the test results; REELDESK_SCREENSHOT=1 refreshes the README's copy.
    await page.goto(`${inject('baseUrl')}/#/accounts`)
    await page.getByRole('button', { name: 'Add account' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Handle').fill('ada.makes')
    await dialog.getByLabel('Display name').fill('Ada Makes')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await page.getByRole('cell', { name: '@ada.makes', exact: true }).waitFor()
    await syncStatus(page).and(page.locator('[data-state="synced"]')).waitFor({ timeout: 30_000 })
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await mkdir('test-results', { recursive: true })
    await page.screenshot({ path: 'test-results/studio.png' })
    if (process.env.REELDESK_SCREENSHOT) await page.screenshot({ path: 'docs/studio.png' })
  })

  it('lets a second tab of the workspace share the data while the first one syncs', async () => {
    const second = await page.context().newPage()
    await second.goto(`${inject('baseUrl')}/#/accounts`)
    await second.getByRole('cell', { name: '@ada.makes', exact: true }).waitFor()
    await syncStatus(second).and(second.locator('[data-state="follower"]')).waitFor()
    await second.close()
  })

  it('creates an agency workspace and switches to it, with the creator as owner', async () => {
    await page.goto(`${inject('baseUrl')}/#/accounts`)
    await page.getByLabel('Workspace name').fill('Northwind Agency')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByRole('button', { name: /Northwind Agency/ }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'No creator accounts yet' }).waitFor()
    await page.getByRole('listitem').filter({ hasText: 'Owner' }).waitFor({ timeout: 30_000 })
  })

  it('lists the signed-in devices, this one marked', async () => {
    await page.goto(`${inject('baseUrl')}/#/accounts`)
    const devices = page.getByRole('list', { name: 'Signed-in devices' })
    await devices.getByRole('listitem').filter({ hasText: '(this device)' }).waitFor()
  })
})
