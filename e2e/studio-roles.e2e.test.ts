import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { isVendorNotice, newUser, signUpThroughUi, syncStatus } from './auth-helpers'
import { launchChromium } from './chromium'

/**
 * A studio that knows who uses it: the creator-account switcher, the permission table in the UI
 * (an analyst's read-only editor with the reason; a creator-role member who sees only the
 * accounts assigned to them, live), the last workspace remembered, and the project list's
 * rename, duplicate and trash. Three browser contexts are three people.
 */
let browser: Browser
let owner: Page
let analyst: Page
let creator: Page
const creatorUser = newUser('creator')
const problems: string[] = []
/** Requests the server answered with an error: named, so a console line "Failed to load…" says which. */
const failedRequests: string[] = []

async function addAccount(page: Page, handle: string) {
  await page.getByRole('button', { name: 'Add account' }).click()
  await page.getByRole('dialog').getByLabel('Handle').fill(handle)
  await page.getByRole('dialog').getByLabel('Display name').fill(`Creator ${handle}`)
  await page.getByRole('dialog').getByRole('button', { name: 'Add account' }).click()
  await page.getByRole('cell', { name: `@${handle}`, exact: true }).waitFor()
}

async function invite(
  role: 'Analyst (read-only)' | 'Creator (own accounts)',
  accounts: string[] = [],
) {
  await owner.goto(`${inject('baseUrl')}/#/accounts`)
  await owner.getByRole('button', { name: /Role for the invite/ }).click()
  await owner.getByRole('option', { name: role }).click()
  if (accounts.length) {
    await owner.getByRole('button', { name: /^Accounts for the invite/ }).click()
    for (const handle of accounts)
      await owner.getByRole('checkbox', { name: new RegExp(`^@${handle}`) }).check({ force: true })
    await owner.getByRole('button', { name: 'Choose' }).click()
  }
  const output = owner.getByLabel('Invite code')
  const previous = (await output.count()) ? await output.textContent() : null
  await owner.getByRole('button', { name: 'Create invite code' }).click()
  await expect.poll(() => output.textContent()).not.toBe(previous)
  return (await output.textContent())?.trim() ?? ''
}

async function join(page: Page, code: string) {
  await page.goto(`${inject('baseUrl')}/#/accounts`)
  await page.getByLabel('Join a workspace with a code').fill(code)
  await page.getByRole('button', { name: 'Join' }).click()
  await page
    .getByRole('button', { name: /Northside/ })
    .first()
    .waitFor({ timeout: 30_000 })
}

beforeAll(async () => {
  browser = await launchChromium()
  const page = async () => {
    const p = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
    p.on('pageerror', (e) => problems.push(e.message))
    p.on('response', (r) => {
      if (r.status() >= 400)
        failedRequests.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)
    })
    p.on('console', (m) => {
      // A failed request's console line names no address: add the one it reports.
      if (m.type() === 'error' && !isVendorNotice(m.text()))
        problems.push(`${m.text()} ${m.location().url ? `(${m.location().url})` : ''}`.trim())
    })
    return p
  }
  owner = await page()
  analyst = await page()
  creator = await page()
  const baseUrl = inject('baseUrl')
  await signUpThroughUi(owner, baseUrl, newUser('owner'))
  await owner.goto(`${baseUrl}/#/accounts`)
  await owner.getByLabel('Workspace name').fill('Northside')
  await owner.getByRole('button', { name: 'Create workspace' }).click()
  await owner
    .getByRole('button', { name: /Northside/ })
    .first()
    .waitFor()
  for (const handle of ['alpha', 'beta', 'gamma']) await addAccount(owner, handle)
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

describe('creator account switcher', () => {
  it('scopes the editor to the account picked in the header, found by search', async () => {
    await owner.goto(`${inject('baseUrl')}/#/editor`)
    await owner.getByRole('button', { name: 'Creator account: All accounts' }).click()
    await owner.getByRole('searchbox', { name: 'Search accounts' }).fill('alp')
    const options = owner.getByRole('menu', { name: 'Creator accounts' }).getByRole('menuitemradio')
    await expect.poll(() => options.allInnerTexts()).toEqual([expect.stringContaining('@alpha')])
    await options.first().click()
    await owner.getByRole('button', { name: 'Creator account: @alpha' }).waitFor()
    await owner.getByText('for @alpha', { exact: true }).waitFor()
    await owner.getByLabel('Title').fill('Alpha launch')
    await owner.getByRole('button', { name: 'Create project' }).click()
    await owner
      .getByRole('heading', { level: 2, name: 'Alpha launch' })
      .waitFor({ state: 'attached' })
    await owner.getByRole('button', { name: 'Back to projects' }).click()
    await owner.getByRole('list', { name: 'Projects' }).getByText('Alpha launch').waitFor()

    await owner.getByRole('button', { name: 'Creator account: @alpha' }).click()
    await owner.getByRole('menuitemradio', { name: '@gamma' }).click()
    await owner.getByText('No projects for @gamma yet: start one above.').waitFor()
  })

  it('renames, duplicates, trashes and restores projects, and finds them by search', async () => {
    await owner.getByRole('button', { name: 'Creator account: @gamma' }).click()
    await owner.getByRole('menuitemradio', { name: 'All accounts' }).click()
    const list = owner.getByRole('list', { name: 'Projects' })
    await owner.getByRole('button', { name: 'More actions for Alpha launch' }).click()
    await owner.getByRole('menuitem', { name: 'Rename…' }).click()
    await owner.getByLabel('Project title').fill('Alpha teaser')
    await owner.getByRole('button', { name: 'Rename', exact: true }).click()
    await list.getByText('Alpha teaser').waitFor()

    await owner.getByRole('button', { name: 'More actions for Alpha teaser' }).click()
    await owner.getByRole('menuitem', { name: 'Duplicate' }).click()
    await list.getByText('Alpha teaser (copy)').waitFor()
    await owner.getByRole('searchbox', { name: 'Search projects' }).fill('copy')
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1)
    await owner.getByRole('searchbox', { name: 'Search projects' }).fill('')

    await owner.getByRole('button', { name: 'More actions for Alpha teaser (copy)' }).click()
    await owner.getByRole('menuitem', { name: 'Move to trash' }).click()
    await expect.poll(() => list.getByText('Alpha teaser (copy)').count()).toBe(0)
    await owner.getByRole('button', { name: 'Trash (1)' }).click()
    const trash = owner.getByRole('list', { name: 'Trashed projects' })
    await trash.getByText('deleted for good in 30 days').waitFor()
    await trash.getByRole('button', { name: 'Restore Alpha teaser (copy)' }).click()
    await owner.getByText('The trash is empty.').waitFor()
    await owner.getByRole('button', { name: /^Trash/ }).click()
    await list.getByText('Alpha teaser (copy)').waitFor()
  })
})

describe('roles in the UI', () => {
  it('gives an analyst a read-only editor that says why, and nothing for them to push', async () => {
    const code = await invite('Analyst (read-only)')
    await signUpThroughUi(analyst, inject('baseUrl'), newUser('analyst'))
    await join(analyst, code)
    await analyst.goto(`${inject('baseUrl')}/#/editor`)
    const reason =
      'You have read-only access (analyst role): you can view projects but not change them. Ask an owner or manager for the editor role to make changes.'
    await analyst.getByRole('note').filter({ hasText: reason }).waitFor()
    expect(await analyst.getByRole('button', { name: 'Create project' }).count()).toBe(0)
    await analyst.getByRole('button', { name: 'Open Alpha teaser', exact: true }).click()
    await analyst.getByRole('note').filter({ hasText: reason }).first().waitFor()
    await analyst.getByRole('status', { name: 'Project: read-only' }).waitFor()
    expect(await analyst.getByRole('button', { name: 'Split at playhead (S)' }).isDisabled()).toBe(
      true,
    )
    expect(await analyst.getByRole('button', { name: 'Add text at playhead' }).isDisabled()).toBe(
      true,
    )
    expect(await analyst.getByRole('button', { name: 'Import media' }).count()).toBe(0)
    expect(await analyst.getByRole('button', { name: 'Rename project' }).count()).toBe(0)
    // A shortcut is refused with the same reason, as a toast; nothing is saved or queued.
    await analyst.locator('body').click({ position: { x: 600, y: 300 } })
    await analyst.keyboard.press('s')
    await analyst.getByRole('region', { name: 'Notifications' }).getByText(reason).waitFor()
    await syncStatus(analyst)
      .and(analyst.locator('[data-state="synced"]'))
      .waitFor({ timeout: 30_000 })
    expect(await syncStatus(analyst).getAttribute('aria-label')).not.toMatch(/pending/)
  })

  it('shows a creator-role member only the accounts assigned to them, and a new one live', async () => {
    const code = await invite('Creator (own accounts)', ['beta'])
    await signUpThroughUi(creator, inject('baseUrl'), creatorUser)
    await join(creator, code)
    await creator.goto(`${inject('baseUrl')}/#/editor`)
    // One account: it is the current one, and the owner's @alpha project is not theirs to see.
    await creator
      .getByRole('button', { name: 'Creator account: @beta' })
      .waitFor({ timeout: 30_000 })
    await creator.getByText('No projects for @beta yet: start one above.').waitFor()
    expect(await creator.getByText('Alpha teaser').count()).toBe(0)

    // The owner assigns @gamma in the creator's row; it appears on the creator's screen.
    await owner.goto(`${inject('baseUrl')}/#/accounts`)
    await owner.getByRole('button', { name: /^Accounts of Test creator/ }).click()
    await owner.getByRole('checkbox', { name: /^@gamma/ }).check({ force: true })
    await owner.getByRole('button', { name: 'Save' }).click()
    await creator
      .getByRole('button', { name: 'Creator account: All my accounts' })
      .waitFor({ timeout: 30_000 })
    await creator.getByRole('button', { name: 'Creator account: All my accounts' }).click()
    const options = creator
      .getByRole('menu', { name: 'Creator accounts' })
      .getByRole('menuitemradio')
    await expect
      .poll(() => options.allInnerTexts())
      .toEqual([
        expect.stringContaining('All my accounts'),
        expect.stringContaining('@beta'),
        expect.stringContaining('@gamma'),
      ])
    // Escape clears the search, a second Escape closes the list.
    await creator.getByRole('searchbox', { name: 'Search accounts' }).fill('gam')
    await expect.poll(() => options.count()).toBe(1)
    await creator.keyboard.press('Escape')
    await expect.poll(() => options.count()).toBe(3)
    await creator.keyboard.press('Escape')
    await creator.getByRole('menu', { name: 'Creator accounts' }).waitFor({ state: 'detached' })
  })

  it('opens the last workspace used when the same person signs in again on this device', async () => {
    await creator.getByRole('button', { name: 'Sign out' }).click()
    await creator.getByRole('button', { name: 'Sign in' }).waitFor()
    await creator.getByLabel('Email').fill(creatorUser.email)
    await creator.getByLabel('Password').fill(creatorUser.password)
    await creator.getByRole('button', { name: 'Sign in' }).click()
    await creator
      .getByRole('button', { name: /Northside/ })
      .first()
      .waitFor({ timeout: 30_000 })
    await creator.getByRole('button', { name: 'Creator account: All my accounts' }).waitFor()
    expect(problems, [...problems, ...failedRequests].join('\n')).toEqual([])
  })
})
