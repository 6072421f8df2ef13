import type { Page } from 'playwright-core'
import { launchChromium } from '../../e2e/chromium'
import { databaseName } from '../../renderer/data/workspace-db'
import { testClient } from '../../server/test-support/client'
import { MAX_PULL_LIMIT } from '../../shared/sync/protocol'
import { benchUser, seedProducts } from './server'

/**
 * Initial sync of `count` documents into Chromium's IndexedDB through the web build: from the
 * click on "Sign in" until the products store holds them all. Counted with IndexedDB itself,
 * every 50 ms, in the store RxDB's Dexie storage writes ('docs' of rxdb-dexie-<db>--0--products).
 *
 * Anchor, in the same browser and origin right after: the same documents (as the server sends
 * them) written to a fresh IndexedDB object store in one readwrite transaction.
 */
export async function measureChromium(
  url: string,
  count: number,
): Promise<{ syncMs: number; plainMs: number }> {
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
      if (stored >= count) {
        const syncMs = Date.now() - started
        const docs = await allProducts(url, user.token, user.workspaceId)
        if (docs.length !== count) throw new Error(`anchor: ${docs.length} of ${count} documents`)
        const plain = await browser.newPage()
        await plain.goto(url)
        const plainMs = await plainBulkWrite(plain, docs)
        return { syncMs, plainMs }
      }
      if (Date.now() - started > 120_000)
        throw new Error(`Chromium: only ${stored} of ${count} documents after 120 s`)
      await page.waitForTimeout(50)
    }
  } finally {
    await browser.close()
  }
}

async function allProducts(url: string, token: string, workspaceId: string) {
  const api = testClient(url, token)
  const docs: Record<string, unknown>[] = []
  let checkpoint: { seq: number } | null = null
  for (;;) {
    const page = await api.sync.pull.query({
      collection: 'products',
      workspaceId,
      checkpoint,
      limit: MAX_PULL_LIMIT,
    })
    docs.push(...page.documents)
    checkpoint = page.checkpoint
    if (page.documents.length < MAX_PULL_LIMIT) return docs
  }
}

/** Milliseconds to put `docs` into a new object store in one transaction, in the page. */
function plainBulkWrite(page: Page, docs: Record<string, unknown>[]): Promise<number> {
  return page.evaluate(
    (all) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(`bench-anchor-${Date.now()}`)
        open.onupgradeneeded = () => open.result.createObjectStore('docs', { keyPath: 'id' })
        open.onerror = () => reject(new Error('could not open the anchor database'))
        open.onsuccess = () => {
          const db = open.result
          const started = performance.now()
          const tx = db.transaction('docs', 'readwrite')
          const store = tx.objectStore('docs')
          for (const doc of all) store.put(doc)
          tx.oncomplete = () => {
            db.close()
            resolve(performance.now() - started)
          }
          tx.onerror = () => reject(new Error('the anchor write failed'))
        }
      }),
    docs,
  )
}
