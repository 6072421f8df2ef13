import type { Browser, BrowserContext, Page } from 'playwright-core'

/**
 * Opens one of the renderer's test-only harness pages (engine, media, preview) in a new page
 * of `browser` (or of one context, such as a profile on disk),
 * waits until its script says it is ready, and hands it the test's files through its #files
 * input. Uncaught page errors are collected into `pageErrors` for the tests to assert on.
 */
export async function openHarness(
  browser: Browser | BrowserContext,
  url: string,
  options: { files?: readonly string[]; pageErrors: string[] },
): Promise<Page> {
  const page = await browser.newPage()
  page.on('pageerror', (error) => options.pageErrors.push(error.message))
  await page.goto(url)
  await page.locator('#status', { hasText: 'ready' }).waitFor()
  if (options.files?.length) await page.locator('#files').setInputFiles([...options.files])
  return page
}
