import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { EMPTY_DETAIL } from '../shared/data/collections/ledger'
import { docOf, pushAll, signUpUser, type TestUser } from '../server/test-support/agency'
import { launchChromium } from './chromium'

// Issue 12: Earnings rates and Eligibility answers are the workspace's, synced to every member.
// The owner changes the diamond rate in one browser context; an analyst's context re-values the
// month live and shows the settings read-only with the reason. One browser, two contexts.
let browser: Browser
let contexts: BrowserContext[] = []
let ownerPage: Page
let analystPage: Page
let baseUrl: string
let owner: TestUser & { email: string }
let analyst: TestUser & { email: string }
const DIAMONDS = 40_000

async function signIn(page: Page, email: string) {
  await page.goto(baseUrl)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('a long enough password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 30_000 })
  // Sign-up made a personal workspace too: pick the agency in the sidebar's switcher.
  const switcher = page.getByRole('button', { name: /Workspace/ }).first()
  await switcher.waitFor({ timeout: 30_000 })
  if (!(await switcher.textContent())?.includes('Rates Agency')) {
    await switcher.click()
    await page.getByRole('option', { name: /Rates Agency/ }).click()
  }
  await page
    .getByRole('button', { name: /Workspace/ })
    .filter({ hasText: 'Rates Agency' })
    .first()
    .waitFor({ timeout: 30_000 })
}

async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `test-results/${name}-${width}.png` })
  }
  await page.setViewportSize({ width: 1280, height: 720 })
}

const minorOf = (text: string | null) =>
  Math.round(Number((text ?? '').replace(/[^\d.-]/g, '')) * 100)

beforeAll(async () => {
  baseUrl = inject('baseUrl')
  const withEmail = async (user: TestUser) => ({
    ...user,
    email: (await user.api.auth.me.query()).user.email,
  })
  owner = await withEmail(await signUpUser(baseUrl, 'Rates Owner'))
  const { workspaceId } = await owner.api.workspaces.create.mutate({ name: 'Rates Agency' })
  const account = docOf('accounts', workspaceId, { handle: 'live_rates' })
  await pushAll(owner.api, workspaceId, 'accounts', [account])
  // One LIVE session this month: 40,000 diamonds, valued by the workspace's rate.
  await pushAll(owner.api, workspaceId, 'ledger', [
    docOf('ledger', workspaceId, {
      accountId: account.id,
      kind: 'gift',
      amountMinor: 0,
      currency: 'USD',
      diamonds: DIAMONDS,
      settlement: null,
      occurredAt: Date.now() - 60_000,
      refs: { ...docOf('ledger', workspaceId).refs, orderId: null, productId: null, postId: null },
      detail: { ...EMPTY_DETAIL, durationSec: 3_600, topGifters: 12 },
    }),
  ])
  const joined = await signUpUser(baseUrl, 'Rates Analyst')
  const invite = await owner.api.workspaces.createInvite.mutate({
    workspaceId,
    role: 'analyst',
    accountIds: [],
  })
  await joined.api.workspaces.acceptInvite.mutate({ code: invite.code })
  analyst = await withEmail(joined)
  browser = await launchChromium()
  contexts = [await browser.newContext(), await browser.newContext()]
  ;[ownerPage, analystPage] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page]
  await signIn(ownerPage, owner.email)
  await signIn(analystPage, analyst.email)
}, 180_000)

afterAll(async () => {
  await browser?.close()
})

const sessionValue = (page: Page) =>
  page
    .getByRole('table', { name: 'LIVE sessions' })
    .locator('tbody tr')
    .first()
    .locator('td')
    .last()

async function openLiveSessions(page: Page) {
  await page.goto(`${baseUrl}/#/earnings`)
  await page.getByRole('tab', { name: 'LIVE sessions' }).click({ timeout: 60_000 })
  await page.getByRole('table', { name: 'LIVE sessions' }).waitFor({ timeout: 60_000 })
}

describe('workspace settings sync', () => {
  it('a rate changed by the owner re-values the month live in another member’s context', async () => {
    await openLiveSessions(ownerPage)
    await openLiveSessions(analystPage)
    // The default rate: 0.005 per diamond.
    for (const page of [ownerPage, analystPage])
      await expect
        .poll(async () => minorOf(await sessionValue(page).textContent()), { timeout: 30_000 })
        .toBe(DIAMONDS * 0.5)

    await ownerPage.getByRole('button', { name: 'Rates and alerts' }).click()
    await ownerPage.getByLabel('Value of one diamond').fill('0.01')
    await ownerPage.getByRole('button', { name: 'Save' }).click()
    await ownerPage.getByText('Rates saved for the whole workspace').waitFor({ timeout: 30_000 })
    // The analyst's page was not reloaded: the synced workspace document re-values it.
    await expect
      .poll(async () => minorOf(await sessionValue(analystPage).textContent()), {
        timeout: 60_000,
      })
      .toBe(DIAMONDS)
  }, 180_000)

  it('shows the rates read-only, with the reason, to a member who cannot change them', async () => {
    await analystPage.getByRole('button', { name: 'Rates and alerts' }).click()
    const dialog = analystPage.getByRole('dialog')
    await dialog
      .getByText('Only an owner or manager can change these settings (your role: analyst).')
      .waitFor()
    await expect.poll(() => dialog.getByLabel('Value of one diamond').inputValue()).toBe('0.01')
    expect(await dialog.getByLabel('Value of one diamond').isDisabled()).toBe(true)
    expect(await dialog.getByRole('button', { name: 'Save' }).count()).toBe(0)
    await shoot(analystPage, 'settings-earnings-readonly')
    await dialog.getByRole('button', { name: 'Close' }).click()
  })

  it('an eligibility answer given by the owner reaches the analyst, who cannot change it', async () => {
    for (const page of [ownerPage, analystPage]) {
      await page.goto(`${baseUrl}/#/eligibility`)
      // The workspace's only account is the current one: its programs and the standing question.
      await page.getByRole('radiogroup', { name: 'Good standing' }).waitFor({ timeout: 60_000 })
    }
    const yes = (page: Page) =>
      page.getByRole('radiogroup', { name: 'Good standing' }).getByRole('radio', { name: 'Yes' })
    // The radio follows the synced document (checked once the write lands): click, then wait.
    await yes(ownerPage).click()
    await expect.poll(() => yes(ownerPage).isChecked(), { timeout: 30_000 }).toBe(true)
    await expect.poll(() => yes(analystPage).isChecked(), { timeout: 60_000 }).toBe(true)
    expect(await yes(analystPage).isDisabled()).toBe(true)
    await analystPage
      .getByText('Only an owner or manager can change these settings (your role: analyst).')
      .first()
      .waitFor()
    await shoot(ownerPage, 'settings-eligibility-owner')
  }, 120_000)

  it('the owner sets an account’s approval policy; the analyst sees it, unchangeable', async () => {
    for (const page of [ownerPage, analystPage]) await page.goto(`${baseUrl}/#/accounts`)
    const mode = (page: Page) => page.getByLabel('Approval for @live_rates')
    await mode(ownerPage).selectOption({ label: 'All listed approvers' }, { timeout: 60_000 })
    await ownerPage.getByText('only after every listed approver has approved').waitFor()
    await expect.poll(() => mode(analystPage).inputValue(), { timeout: 60_000 }).toBe('all')
    expect(await mode(analystPage).isDisabled()).toBe(true)
    await ownerPage.getByRole('region', { name: 'Post approval' }).scrollIntoViewIfNeeded()
    await shoot(ownerPage, 'settings-approval-policy')
  }, 120_000)
})
