import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { newUser, signUpThroughUi, syncStatus } from './auth-helpers'
import { addAccountThroughUi } from './account-helpers'
import { launchChromium } from './chromium'

// Two devices (browser contexts): an owner and a member of an agency workspace. What the member
// sees when their access changes, when a change of theirs is refused, and when the workspace goes.
let browser: Browser
let ownerContext: BrowserContext
let memberContext: BrowserContext
let owner: Page
let member: Page
let memberName: string
const WORKSPACE = 'Access Agency'

async function setRole(role: RegExp) {
  await owner.getByRole('button', { name: `Role of ${memberName}` }).click()
  await owner.getByRole('option', { name: role }).click()
}

beforeAll(async () => {
  browser = await launchChromium()
  ownerContext = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  memberContext = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  owner = await ownerContext.newPage()
  member = await memberContext.newPage()
  const baseUrl = inject('baseUrl')
  await signUpThroughUi(owner, baseUrl, newUser('owner'))
  const m = newUser('member')
  memberName = m.displayName
  await signUpThroughUi(member, baseUrl, m)

  await owner.goto(`${baseUrl}/#/accounts`)
  await owner.getByLabel('Workspace name').fill(WORKSPACE)
  await owner.getByRole('button', { name: 'Create workspace' }).click()
  // The studio has switched to the new (empty) workspace before accounts go in.
  await owner.getByRole('heading', { name: 'Delete this workspace' }).waitFor({ timeout: 30_000 })
  await owner.getByRole('heading', { name: 'No creator accounts yet' }).waitFor()
  await addAccountThroughUi(owner, 'alpha.one')
  await addAccountThroughUi(owner, 'beta.two')
  await owner.getByRole('button', { name: 'Create invite code' }).click()
  const code = (await owner.getByLabel('Invite code').textContent())?.trim() ?? ''
  await member.goto(`${baseUrl}/#/accounts`)
  await member.getByLabel('Join a workspace with a code').fill(code)
  await member.getByRole('button', { name: 'Join' }).click()
  await member.getByRole('cell', { name: '@beta.two', exact: true }).waitFor({ timeout: 30_000 })
}, 120_000)

afterAll(async () => {
  await browser?.close()
})

describe('access changes as a member sees them', () => {
  it('a refused change is shown beside its document with the reason, and can be discarded', async () => {
    await setRole(/^Manager/)
    await member.getByRole('button', { name: 'Edit @alpha.one' }).waitFor({ timeout: 30_000 })
    // Offline, the member renames an account; meanwhile the owner makes them an editor again.
    await memberContext.setOffline(true)
    await syncStatus(member).filter({ hasText: 'Offline' }).waitFor({ timeout: 30_000 })
    await member.getByRole('button', { name: 'Edit @alpha.one' }).click()
    await member.getByRole('dialog').getByLabel('Display name').fill('Renamed offline')
    await member.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
    await member.getByRole('cell', { name: 'Renamed offline' }).waitFor()
    await setRole(/^Editor/)
    await memberContext.setOffline(false)

    const notSaved = member.getByRole('button', { name: '1 change not saved' })
    await notSaved.waitFor({ timeout: 30_000 })
    const inline = member.getByRole('note').filter({ hasText: 'Not saved' })
    await inline.waitFor()
    expect(await inline.textContent()).toContain(
      'Your role (editor) cannot change this creator account.',
    )
    await notSaved.click()
    const panel = member.getByRole('dialog', { name: '1 change not saved' })
    await panel.getByText('@alpha.one').waitFor()
    await panel.getByRole('button', { name: 'Discard my change to @alpha.one' }).click()
    await member.getByRole('cell', { name: 'Creator alpha.one' }).waitFor({ timeout: 30_000 })
    await notSaved.waitFor({ state: 'detached' })
    // The owner never saw the refused rename.
    expect(await owner.getByRole('cell', { name: 'Renamed offline' }).count()).toBe(0)
  })

  it('narrowed access removes what the member may no longer see, and says so', async () => {
    await setRole(/^Creator/)
    // A creator with no accounts yet: the owner assigns alpha.one only… the server keeps its
    // accounts list, so here it is empty and every account leaves the member's device.
    await member
      .getByRole('region', { name: 'Notifications' })
      .getByText(/creator accounts? (was|were) removed from this device/)
      .first()
      .waitFor({ timeout: 30_000 })
    await member
      .getByRole('cell', { name: '@beta.two', exact: true })
      .waitFor({ state: 'detached' })
    await member
      .getByRole('cell', { name: '@alpha.one', exact: true })
      .waitFor({ state: 'detached' })
    // Access back: the accounts return without the member doing anything.
    await setRole(/^Editor/)
    await member.getByRole('cell', { name: '@beta.two', exact: true }).waitFor({ timeout: 30_000 })
  })

  it('a workspace deleted by its owner (typed confirmation) leaves every device', async () => {
    const databases = () =>
      member.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''))
    const before = await databases()
    const del = owner.getByRole('button', { name: 'Delete workspace' })
    expect(await del.isDisabled()).toBe(true)
    await owner.getByLabel(`Type “${WORKSPACE}” to confirm`).fill('access agency')
    expect(await del.isDisabled()).toBe(true)
    await owner.getByLabel(`Type “${WORKSPACE}” to confirm`).fill(WORKSPACE)
    await del.click()
    // The owner is told either by the panel ("… was deleted for everyone.") or, when the
    // stream's deletion notice overtakes the answer to the click, by the sync ("This workspace
    // was deleted by its owner; …"): both say the workspace is gone from this device.
    await owner
      .getByRole('region', { name: 'Notifications' })
      .getByText(/was deleted (for everyone|by its owner)/)
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (error: unknown) => {
        const panel = (await owner.locator('.settings-row--danger').allTextContents()).join(' ')
        throw new Error(`no deletion notice for the owner; the panel says: ${panel}`, {
          cause: error,
        })
      })
    await member
      .getByRole('region', { name: 'Notifications' })
      .getByText(/This workspace was deleted by its owner/)
      .waitFor({ timeout: 30_000 })
    // The member's copy of the workspace is gone from the browser's storage.
    await expect
      .poll(
        async () => {
          const after = await databases()
          return before.filter((name) => name.startsWith('rxdb-') && !after.includes(name)).length
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0)
    // Both are back in their personal workspaces, where the agency's accounts never were.
    expect(await member.getByRole('cell', { name: '@beta.two', exact: true }).count()).toBe(0)
    expect(await owner.getByRole('cell', { name: '@beta.two', exact: true }).count()).toBe(0)
  })
})
