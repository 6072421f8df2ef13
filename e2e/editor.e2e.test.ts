import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { signUpThroughUi } from './auth-helpers'
import { launchChromium } from './chromium'

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
  await signUpThroughUi(page, inject('baseUrl'))
}, 60_000)

afterAll(async () => {
  await browser?.close()
})

describe('editor projects', () => {
  it('asks for a creator account before a project can be started', async () => {
    await page.getByRole('heading', { level: 2, name: 'No creator accounts yet' }).waitFor()
  })

  it('starts a project for an account, opens it with its timeline, and lists it', async () => {
    await page.goto(`${inject('baseUrl')}/#/accounts`)
    await page.getByRole('button', { name: 'Add account' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Handle').fill('studio.one')
    await dialog.getByLabel('Display name').fill('Studio One')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await page.getByRole('cell', { name: '@studio.one', exact: true }).waitFor()

    await page.goto(`${inject('baseUrl')}/#/editor`)
    await page.getByLabel('Title').fill('Launch teaser')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('heading', { level: 2, name: 'Launch teaser' }).waitFor()
    await page.getByRole('region', { name: 'Timeline' }).waitFor()
    expect(await page.getByLabel('Playhead position').textContent()).toBe('0:00.00 / 0:00.00')
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true)
    await page.getByRole('status', { name: /^Project: All changes saved/ }).waitFor()

    await page.getByRole('button', { name: 'Back to projects' }).click()
    await page.getByRole('list', { name: 'Projects' }).getByText('Launch teaser').waitFor()
    await page.getByRole('button', { name: 'Open Launch teaser' }).click()
    await page.getByRole('heading', { level: 2, name: 'Launch teaser' }).waitFor()
  })
})
