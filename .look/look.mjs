import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from 'playwright-core'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'earn-look-'))
const server = spawn(process.execPath, ['out/server/index.js'], {
  env: { ...process.env, PORT: '0', REELDESK_DATA: dataDir, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
})
const port = await new Promise((resolve) => {
  let out = ''
  server.stdout.on('data', (c) => {
    out += c
    const m = /REELDESK_SERVER_READY (.*)/.exec(out)
    if (m) resolve(JSON.parse(m[1]).port)
  })
})
const base = `http://127.0.0.1:${port}`
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
})
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()))
page.on('pageerror', (e) => console.log('pageerror:', e.message))
await page.goto(base)
await page.getByRole('button', { name: 'Try it with a sandbox account' }).click()
await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 20000 })
await page.goto(`${base}/#/earnings`)
await page.waitForTimeout(Number(process.env.WAIT ?? 15000))
await page.screenshot({ path: '.look/earnings-1280.png', fullPage: true })
await page.setViewportSize({ width: 1920, height: 1080 })
await page.screenshot({ path: '.look/earnings-1920.png', fullPage: true })
await page.goto(`${base}/#/eligibility`)
await page.waitForTimeout(3000)
await page.screenshot({ path: '.look/elig-1920.png', fullPage: true })
await browser.close()
server.kill('SIGTERM')
