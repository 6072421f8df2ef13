import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { newUser, signUpThroughUi, syncStatus } from './auth-helpers'
import { addAccountThroughUi } from './account-helpers'
import { launchChromium } from './chromium'

// Two browser contexts are two devices: separate IndexedDB, separate sessions, one workspace.
let browser: Browser
let ownerContext: BrowserContext
let memberContext: BrowserContext
let owner: Page
let member: Page

beforeAll(async () => {
  browser = await launchChromium()
  ownerContext = await browser.newContext()
  memberContext = await browser.newContext()
  owner = await ownerContext.newPage()
  member = await memberContext.newPage()
  const baseUrl = inject('baseUrl')
  await signUpThroughUi(owner, baseUrl, newUser('owner'))
  await signUpThroughUi(member, baseUrl, newUser('member'))

  // The owner invites the member as an editor; the member joins with the code.
  await owner.goto(`${baseUrl}/#/accounts`)
  await owner.getByRole('button', { name: 'Create invite code' }).click()
  const code = (await owner.getByLabel('Invite code').textContent())?.trim() ?? ''
  expect(code.length).toBeGreaterThan(10)
  await member.goto(`${baseUrl}/#/accounts`)
  await member.getByLabel('Join a workspace with a code').fill(code)
  await member.getByRole('button', { name: 'Join' }).click()
  await member
    .getByRole('listitem')
    .filter({ hasText: /owner/i })
    .first()
    .waitFor({ timeout: 30_000 })
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

describe('live sync between two devices', () => {
  it('shows an edit made on one device on the other, live', async () => {
    await addAccountThroughUi(owner, 'live.edit')
    await member.getByRole('cell', { name: '@live.edit', exact: true }).waitFor({ timeout: 30_000 })
  })

  it('keeps an edit made offline and syncs it after reconnecting', async () => {
    await ownerContext.setOffline(true)
    await syncStatus(owner).filter({ hasText: 'Offline' }).waitFor({ timeout: 30_000 })
    await addAccountThroughUi(owner, 'made.offline')
    expect(await syncStatus(owner).getAttribute('aria-label')).toContain('1 change pending')
    // Nothing reaches the member while the owner is offline.
    await member.waitForTimeout(1_000)
    expect(await member.getByRole('cell', { name: '@made.offline', exact: true }).count()).toBe(0)

    await ownerContext.setOffline(false)
    await member
      .getByRole('cell', { name: '@made.offline', exact: true })
      .waitFor({ timeout: 30_000 })
    await syncStatus(owner).filter({ hasText: 'Synced' }).waitFor({ timeout: 30_000 })
  })

  it('shows the membership history to the owner', async () => {
    const history = owner.getByRole('list', { name: 'Membership history' })
    await history
      .getByRole('listitem')
      .filter({ hasText: /joined \(editor\)/ })
      .waitFor({ timeout: 30_000 })
    await history.getByRole('listitem').filter({ hasText: 'created an invite' }).waitFor()
  })
})
