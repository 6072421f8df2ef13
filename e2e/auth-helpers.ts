import type { Page } from 'playwright-core'

let counter = 0

/** A unique account per call, so tests never depend on each other's users. */
export function newUser(prefix = 'user') {
  counter += 1
  const id = `${prefix}${Date.now().toString(36)}${counter}`
  return {
    displayName: `Test ${prefix} ${counter}`,
    email: `${id}@example.com`,
    password: 'correct horse battery staple',
  }
}

/** Creates an account through the sign-up screen and waits for the studio. */
export async function signUpThroughUi(page: Page, baseUrl: string, user = newUser()) {
  await page.goto(baseUrl)
  await page.getByRole('tab', { name: 'Create account' }).click()
  await page.getByLabel('Your name').fill(user.displayName)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 30_000 })
  return user
}

/** Starts the sandbox demo (a linked creator with a year of history) and waits for the studio. */
export async function startSandboxDemo(page: Page, baseUrl: string) {
  await page.goto(baseUrl)
  await page.getByRole('button', { name: 'Try it with a sandbox account' }).click()
  await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 30_000 })
}

/** RxDB's free Dexie storage prints a one-time advisory with console.warn; it is not our error. */
export function isVendorNotice(text: string): boolean {
  return text.startsWith('-------------- RxDB Open Core RxStorage')
}

/** The sync indicator (other role=status elements, like an invite code output, may exist). */
export function syncStatus(page: Page) {
  return page.getByRole('status', { name: /^Sync:/ })
}
