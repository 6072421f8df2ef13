import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { launchChromium } from '../../e2e/chromium'
import { signUpThroughUi } from '../../e2e/auth-helpers'
import { makeLandscapeClip, makeMusic, makeLogo, makePortraitClip } from '../../e2e/fixtures/media'

const dir = mkdtempSync(path.join(os.tmpdir(), 'explore-'))
const server = spawn(process.execPath, ['out/server/index.js'], {
  env: { ...process.env, PORT: '0', REELDESK_DATA: dir, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const port = await new Promise<number>((resolve) => {
  let out = ''
  server.stdout?.on('data', (c: Buffer) => {
    out += c.toString()
    const m = /REELDESK_SERVER_READY (.*)/.exec(out)
    if (m?.[1]) resolve(JSON.parse(m[1]).port)
  })
})
const base = `http://127.0.0.1:${port}`
const browser = await launchChromium()
const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text()) })
page.on('pageerror', (e) => console.log('pageerror:', e.message))
try {
  await signUpThroughUi(page, base)
  await page.screenshot({ path: '/tmp/shot-home-empty.png' })
  await page.goto(`${base}/#/accounts`)
  await page.getByRole('button', { name: 'Add account' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Handle').fill('studio.one')
  await dialog.getByLabel('Display name').fill('Studio One')
  await dialog.getByRole('button', { name: 'Add account' }).click()
  await page.getByRole('cell', { name: '@studio.one', exact: true }).waitFor()
  await page.goto(`${base}/#/editor`)
  await page.getByLabel('Title').fill('Launch teaser')
  await page.getByRole('button', { name: 'Create project' }).click()
  await page.getByRole('heading', { level: 2, name: 'Launch teaser' }).waitFor({ state: 'attached' })
  await page.locator('input[type="file"]').setInputFiles([makeLandscapeClip(dir, 3), makeMusic(dir, 4), makeLogo(dir), makePortraitClip(dir, 2)])
  const media = page.getByRole('list', { name: 'Project media' })
  await media.getByText('portrait.mp4').waitFor({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Add clip: landscape.mp4' }).click()
  await page.getByRole('button', { name: 'Add clip: portrait.mp4' }).click()
  await page.getByRole('button', { name: 'Set music: music.m4a' }).click()
  await page.getByRole('button', { name: 'Add image: logo.png' }).click()
  await page.getByRole('button', { name: 'Add overlay: portrait.mp4' }).click()
  await page.getByRole('button', { name: 'Add text at playhead' }).click()
  await page.waitForTimeout(3000)
  await page.screenshot({ path: '/tmp/shot-editor-1280.png' })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.waitForTimeout(1500)
  await page.screenshot({ path: '/tmp/shot-editor-1920.png' })
  await page.getByRole('button', { name: 'Back to projects' }).click()
  await page.waitForTimeout(1000)
  await page.screenshot({ path: '/tmp/shot-projects-1920.png' })
} catch (e) {
  console.log('FAILED', e)
  await page.screenshot({ path: '/tmp/shot-fail.png' })
} finally {
  await browser.close()
  server.kill()
}
