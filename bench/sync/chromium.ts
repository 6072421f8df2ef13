import { launchChromium } from '../../e2e/chromium'
import { databaseName } from '../../renderer/data/workspace-db'
import { benchUser, seedProducts } from './server'

/**
 * Initial sync of `count` documents into Chromium's IndexedDB through the web build: from the
 * click on "Sign in" until the products store holds them all. Counted with IndexedDB itself,
 * every 50 ms, in the store RxDB's Dexie storage writes ('docs' of rxdb-dexie-<db>--0--products).
 */
export async function measureChromium(url: string, count: number): Promise<number> {
  const user = await benchUser(url)
  await seedProducts(url, user.token, user.workspaceId, count)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.goto(url)
    await page.getByLabel('Email').fill(user.email)
    await page.getByLabel('Password').fill(user.password)
    const store = `rxdb-dexie-${databaseName(user.workspaceId)}--0--products`
    const started = Date.now()
    await page.getByRole('button', { name: 'Sign in' }).click()
    for (;;) {
      const stored = await page.evaluate(
        (name) =>
          new Promise<number>((resolve) => {
            const open = indexedDB.open(name)
            open.onupgradeneeded = () => open.transaction?.abort()
            open.onerror = () => resolve(0)
            open.onsuccess = () => {
              const db = open.result
              if (!db.objectStoreNames.contains('docs')) {
                db.close()
                return resolve(0)
              }
              const request = db.transaction('docs').objectStore('docs').count()
              request.onsuccess = () => {
                db.close()
                resolve(request.result)
              }
              request.onerror = () => resolve(0)
            }
          }),
        store,
      )
      if (stored >= count) return Date.now() - started
      if (Date.now() - started > 120_000)
        throw new Error(`Chromium: only ${stored} of ${count} documents after 120 s`)
      await page.waitForTimeout(50)
    }
  } finally {
    await browser.close()
  }
}
