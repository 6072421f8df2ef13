import { _electron as electron, type ElectronApplication } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { findElectron } from '../scripts/electron-binary.mjs'

// The desktop suite needs Electron's binary, which this machine cannot download; it runs wherever
// the binary exists (a developer machine, or ELECTRON_PATH) and says in one line why otherwise.
const binary = findElectron()
if (binary.path === null) {
  process.stdout.write(`Electron suite not run: ${binary.reason}.\n`)
}

describe.skipIf(binary.path === null)('desktop shell (Electron)', () => {
  let app: ElectronApplication

  beforeAll(async () => {
    app = await electron.launch({
      executablePath: binary.path ?? '',
      args: ['.'],
      env: { ...process.env, REELDESK_SERVER_URL: inject('baseUrl') },
    })
  })

  afterAll(async () => {
    await app?.close()
  })

  it('loads the renderer from app:// cross-origin isolated, sandboxed, without Node', async () => {
    const page = await app.firstWindow()
    // Signed out on a fresh profile: the sign-in screen.
    await page.getByRole('heading', { level: 1, name: 'Reeldesk' }).waitFor()
    expect(page.url()).toBe('app://reeldesk/index.html')
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true)
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    )
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
      'undefined',
    )
  })

  it('exposes one frozen bridge whose calls are validated by main', async () => {
    const page = await app.firstWindow()
    const result = await page.evaluate(async () => {
      const bridge = (
        window as unknown as { reeldesk: { invoke(m: string, i: unknown): Promise<unknown> } }
      ).reeldesk
      const info = await bridge.invoke('app.info', undefined)
      const refused = await bridge
        .invoke('tokens.get', { key: '../etc' })
        .catch((e: Error) => e.message)
      return { frozen: Object.isFrozen(bridge), info, refused }
    })
    expect(result.frozen).toBe(true)
    expect(result.info).toMatchObject({ platform: process.platform })
    expect(String(result.refused)).toContain('tokens.get: key:')
  })

  it('refuses navigation away from the app and new windows', async () => {
    const page = await app.firstWindow()
    await page.evaluate(() => {
      window.location.href = 'https://evil.example/'
    })
    await page.waitForTimeout(300)
    expect(page.url()).toBe('app://reeldesk/index.html')
    expect(app.windows()).toHaveLength(1)
  })
})
