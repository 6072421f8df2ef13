import type { Page } from 'playwright-core'

/** Adds a creator account through the Accounts page's dialog and waits for its row. */
export async function addAccountThroughUi(page: Page, handle: string) {
  await page.getByRole('button', { name: 'Add account' }).click()
  await page.getByRole('dialog').getByLabel('Handle').fill(handle)
  await page.getByRole('dialog').getByLabel('Display name').fill(`Creator ${handle}`)
  await page.getByRole('dialog').getByRole('button', { name: 'Add account' }).click()
  await page.getByRole('cell', { name: `@${handle}`, exact: true }).waitFor()
}
