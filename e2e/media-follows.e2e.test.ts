import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { newUser, signUpThroughUi } from './auth-helpers'
import { launchChromium } from './chromium'
import { ffprobe, makeLandscapeClip, makeMusic, makePortraitClip } from './fixtures/media'

/**
 * Media follows the project: originals imported on one device upload in the background to the
 * workspace's storage; the same person on a second device (another browser context: its own
 * storage) opens the project, the originals download with progress, and its export is valid.
 * With "keep originals on the device" on, a new file stays home and the other device relinks it.
 */
let browser: Browser
let laptop: Page
let desktop: Page
const user = newUser('travel')
const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-follow-'))
const clip = makeLandscapeClip(dir, 3, 'trip.mp4')
const music = makeMusic(dir, 4, 'beat.m4a')

async function signIn(page: Page) {
  await page.goto(inject('baseUrl'))
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 30_000 })
}

const storage = (page: Page) => page.getByRole('button', { name: /^Workspace storage:/ })

beforeAll(async () => {
  browser = await launchChromium()
  laptop = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
  desktop = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
  await signUpThroughUi(laptop, inject('baseUrl'), user)
  await laptop.goto(`${inject('baseUrl')}/#/accounts`)
  await laptop.getByRole('button', { name: 'Add account' }).click()
  await laptop.getByRole('dialog').getByLabel('Handle').fill('wander')
  await laptop.getByRole('dialog').getByLabel('Display name').fill('Wander')
  await laptop.getByRole('dialog').getByRole('button', { name: 'Add account' }).click()
  await laptop.getByRole('cell', { name: '@wander', exact: true }).waitFor()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('media that follows the project', () => {
  it('uploads originals in the background and shows the storage used', async () => {
    await laptop.goto(`${inject('baseUrl')}/#/editor`)
    await laptop.getByLabel('Title').fill('Trip')
    await laptop.getByRole('button', { name: 'Create project' }).click()
    await laptop.getByRole('heading', { level: 2, name: 'Trip' }).waitFor({ state: 'attached' })
    await laptop.locator('input[type="file"]').setInputFiles([clip, music])
    const media = laptop.getByRole('list', { name: 'Project media' })
    await media.getByText('beat.m4a').waitFor({ timeout: 30_000 })
    await laptop.getByRole('button', { name: 'Add clip: trip.mp4' }).click()
    await laptop.getByRole('button', { name: 'Set music: beat.m4a' }).click()
    // Uploaded: the storage holds both originals (and their thumbnail), nothing is moving.
    await expect
      .poll(async () => (await storage(laptop).getAttribute('aria-label')) ?? '', {
        timeout: 30_000,
      })
      .toMatch(/^Workspace storage: [\d.]+ (KiB|MiB) of 20 GiB used$/)
    await expect.poll(() => laptop.getByRole('progressbar').count(), { timeout: 30_000 }).toBe(0)
  }, 90_000)

  it('downloads what the project needs on a second device, with progress, and exports it there', async () => {
    await signIn(desktop)
    await desktop.getByRole('button', { name: 'Open Trip' }).click()
    // The originals arrive; the preview then draws the first frame.
    await desktop.locator('canvas.preview__canvas[data-frame="0"]').waitFor({ timeout: 60_000 })
    const tile = desktop
      .getByRole('list', { name: 'Project media' })
      .getByRole('listitem')
      .filter({ hasText: 'trip.mp4' })
    expect(await tile.getAttribute('data-availability')).toBe('local')
    await desktop.getByRole('button', { name: 'Export', exact: true }).click()
    await desktop.getByRole('button', { name: 'Export 9:16 MP4' }).click()
    const link = desktop.getByRole('link', { name: /^Download/ })
    await link.waitFor({ timeout: 120_000 })
    const [download] = await Promise.all([desktop.waitForEvent('download'), link.click()])
    const out = path.join(dir, 'from-desktop.mp4')
    await download.saveAs(out)
    const probe = ffprobe(out, true)
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({
      codec_name: 'h264',
      width: 1080,
      height: 1920,
    })
    expect(Number(probe.streams.find((s) => s.codec_type === 'video')?.nb_read_frames)).toBe(90)
    expect(probe.streams.find((s) => s.codec_type === 'audio')).toMatchObject({ codec_name: 'aac' })
    await desktop.getByRole('button', { name: 'Close export' }).click()
  }, 200_000)

  it('keeps originals home when asked; the other device marks them and relinks the file', async () => {
    await storage(laptop).click()
    // The setting is the server's: it shows as set once the server has taken it.
    await laptop.getByText('Keep originals on the device that imported them').click()
    await laptop.getByText('Originals stay on this device').waitFor()
    const setting = laptop.getByRole('checkbox', {
      name: 'Keep originals on the device that imported them',
    })
    expect(await setting.isChecked()).toBe(true)
    await laptop.keyboard.press('Escape')
    const stayHome = makePortraitClip(dir, 1, 'home.mp4')
    await laptop.locator('input[type="file"]').first().setInputFiles([stayHome])
    await laptop
      .getByRole('list', { name: 'Project media' })
      .getByText('home.mp4')
      .waitFor({ timeout: 30_000 })

    const bin = desktop.getByRole('list', { name: 'Project media' })
    const tile = bin.getByRole('listitem').filter({ hasText: 'home.mp4' })
    await tile.waitFor({ timeout: 30_000 })
    await expect.poll(() => tile.getAttribute('data-availability')).toBe('missing')
    await tile
      .getByText('Not on this device and not uploaded: relink it')
      .waitFor({ state: 'attached' })
    await desktop.getByRole('radio', { name: /^Not here \(1\)/ }).click()
    await expect.poll(() => bin.getByRole('listitem').count()).toBe(1)
    const [chooser] = await Promise.all([
      desktop.waitForEvent('filechooser'),
      desktop.getByRole('button', { name: 'Relink home.mp4' }).click(),
    ])
    await chooser.setFiles(stayHome)
    await desktop
      .getByRole('region', { name: 'Notifications' })
      .getByText('“home.mp4” is linked again')
      .waitFor()
    // Nothing is missing any more; the file is here.
    await expect.poll(() => bin.getByRole('listitem').count()).toBe(0)
    await desktop.getByRole('radio', { name: 'All' }).click()
    await expect.poll(() => tile.getAttribute('data-availability')).toBe('local')
  }, 90_000)
})
