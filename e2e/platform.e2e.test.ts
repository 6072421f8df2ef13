import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { newUser, signUpThroughUi } from './auth-helpers'
import { launchChromium } from './chromium'

// Two browser contexts are two devices of one person: the link is made on one, the numbers
// arrive on the other without a reload.
let browser: Browser
let contexts: BrowserContext[] = []
let laptop: Page
let phone: Page
let baseUrl: string

async function signInThroughUi(page: Page, user: { email: string; password: string }) {
  await page.goto(baseUrl)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 30_000 })
}

async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `test-results/${name}-${width}.png` })
  }
}

beforeAll(async () => {
  baseUrl = inject('baseUrl')
  browser = await launchChromium()
  contexts = [await browser.newContext(), await browser.newContext()]
  ;[laptop, phone] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page]
  const user = await signUpThroughUi(laptop, baseUrl, newUser('linker'))
  await signInThroughUi(phone, user)
  await Promise.all([laptop, phone].map((p) => p.goto(`${baseUrl}/#/accounts`)))
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

describe('linking a sandbox account', () => {
  it('shows an empty state that says what to do, and offers both ways to link', async () => {
    await laptop.getByRole('heading', { name: 'No creator accounts yet' }).waitFor()
    await laptop.getByText('link a sandbox account to see every area').waitFor()
    expect(await laptop.getByRole('button', { name: 'Link sandbox account' }).isEnabled()).toBe(
      true,
    )
    // No TikTok app credentials on the test server: the button says why instead of failing.
    await laptop.getByRole('button', { name: 'Link TikTok account (not set up)' }).waitFor()
  })

  it('links on one device and shows the account’s numbers arriving live on the other', async () => {
    await laptop.getByRole('button', { name: 'Link sandbox account' }).click()
    const dialog = laptop.getByRole('dialog')
    await dialog.getByRole('radio', { name: /12k followers/ }).check()
    await shoot(laptop, 'accounts-link-sandbox')
    await dialog.getByRole('button', { name: 'Link sandbox account' }).click()
    await laptop.getByRole('status').filter({ hasText: 'Sandbox account linked' }).waitFor()

    // The other device: the row appears, then its follower count and "Linked · Synced …".
    const row = phone.getByRole('row').filter({ hasText: 'Sandbox' })
    await row.waitFor({ timeout: 30_000 })
    await row.getByText('Linked').waitFor({ timeout: 30_000 })
    await row.getByText(/Synced (just now|.* ago)/).waitFor()
    const followers = await row.getByRole('cell').nth(3).textContent()
    expect(Number((followers ?? '').replace(/[^\d]/g, ''))).toBeGreaterThan(10_000)
    await phone.getByRole('button', { name: /^Sync @.* now$/ }).waitFor()
    await shoot(phone, 'accounts-linked')
  })

  it('syncs again on "Sync now", showing the sync on both devices', async () => {
    const row = laptop.getByRole('row').filter({ hasText: 'Sandbox' })
    await row.getByRole('button', { name: /^Sync @.* now$/ }).click()
    await phone
      .getByRole('row')
      .filter({ hasText: 'Sandbox' })
      .getByText(/Synced (just now|1 minute ago)/)
      .waitFor({ timeout: 30_000 })
  })
})

describe('the sign-up screen’s sandbox demo', () => {
  it('opens a workspace with a linked sandbox creator in one click', async () => {
    const context = await browser.newContext()
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(baseUrl)
    await shoot(page, 'auth-sandbox-demo')
    await page.getByRole('button', { name: 'Try it with a sandbox account' }).click()
    await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 30_000 })
    await page.goto(`${baseUrl}/#/accounts`)
    const row = page.getByRole('row').filter({ hasText: 'Sandbox' })
    await row.getByText('Linked').waitFor({ timeout: 30_000 })
    await row.getByText(/Synced (just now|.* ago)/).waitFor()
  })
})
