import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { signUpThroughUi } from './auth-helpers'
import { launchChromium } from './chromium'
import { ffprobe, makeLandscapeClip, makeMusic } from './fixtures/media'

let browser: Browser
let page: Page
const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-editor-'))

beforeAll(async () => {
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
  await signUpThroughUi(page, inject('baseUrl'))
}, 60_000)

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('editor projects', () => {
  it('asks for a creator account before a project can be started', async () => {
    await page.getByRole('heading', { level: 2, name: 'No creator accounts yet' }).waitFor()
  })

  it('starts a project for an account, opens it with its timeline, and lists it', async () => {
    await page.goto(`${inject('baseUrl')}/#/accounts`)
    await page.getByRole('button', { name: 'Add account' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Handle').fill('studio.one')
    await dialog.getByLabel('Display name').fill('Studio One')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await page.getByRole('cell', { name: '@studio.one', exact: true }).waitFor()

    await page.goto(`${inject('baseUrl')}/#/editor`)
    await page.getByLabel('Title').fill('Launch teaser')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('heading', { level: 2, name: 'Launch teaser' }).waitFor()
    await page.getByRole('region', { name: 'Timeline' }).waitFor()
    expect(await page.getByLabel('Playhead position').textContent()).toBe('0:00.00 / 0:00.00')
    expect(await page.getByRole('button', { name: 'Undo' }).isDisabled()).toBe(true)
    await page.getByRole('status', { name: /^Project: All changes saved/ }).waitFor()

    await page.getByRole('button', { name: 'Back to projects' }).click()
    await page.getByRole('list', { name: 'Projects' }).getByText('Launch teaser').waitFor()
    await page.getByRole('button', { name: 'Open Launch teaser' }).click()
    await page.getByRole('heading', { level: 2, name: 'Launch teaser' }).waitFor()
  })

  it('imports media, builds an edit with the keyboard, and exports a 9:16 MP4 that ffprobe accepts', async () => {
    const clip = makeLandscapeClip(dir, 3)
    const music = makeMusic(dir, 4)
    await page.locator('input[type="file"]').setInputFiles([clip, music])
    const media = page.getByRole('list', { name: 'Project media' })
    await media.getByText('landscape.mp4').waitFor({ timeout: 30_000 })
    await media.getByText('music.m4a').waitFor({ timeout: 30_000 })

    await page.getByRole('button', { name: 'Add clip: landscape.mp4' }).click()
    await page.getByRole('button', { name: 'Set music: music.m4a' }).click()
    const timecode = page.getByLabel('Playhead position')
    expect(await timecode.textContent()).toBe('0:00.00 / 0:03.00')

    // The preview draws the playhead's frame (the test pattern, not an empty canvas), and plays.
    const preview = page.getByRole('img', { name: 'Preview of the frame at the playhead' })
    await preview.waitFor()
    await page.locator('canvas.preview__canvas[data-frame="0"]').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Play (Space)' }).click()
    await page.getByRole('button', { name: 'Pause (Space)' }).waitFor()
    await page.waitForFunction(
      () =>
        !document
          .querySelector('[aria-label="Playhead position"]')
          ?.textContent?.startsWith('0:00.00'),
    )
    await page.getByRole('button', { name: 'Pause (Space)' }).click()
    // Clicking an empty part of a lane seeks (snapping to the start); clips take their own clicks.
    await page.getByRole('group', { name: 'Text track' }).click({ position: { x: 3, y: 10 } })
    expect(await timecode.textContent()).toBe('0:00.00 / 0:03.00')

    // Trim: the clip ends at 2.5 s of its source. Clicking a clip selects it and puts the
    // playhead where it was clicked.
    const clips = page.getByRole('group', { name: 'Video track' }).getByRole('button')
    await clips.first().click({ position: { x: 10, y: 10 } })
    expect(await clips.first().getAttribute('aria-pressed')).toBe('true')
    expect(await timecode.textContent()).not.toBe('0:00.00 / 0:03.00')
    const end = page.getByLabel('End in source (s)')
    await end.fill('2.5')
    await end.press('Enter')
    await expect.poll(() => timecode.textContent()).toMatch(/ \/ 0:02\.15$/)

    // Split at 1 s with the keyboard (Home, then 30 frames → 1 s), then undo and redo it.
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Home')
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight')
    expect(await timecode.textContent()).toBe('0:01.00 / 0:02.15')
    await page.keyboard.press('s')
    expect(await clips.count()).toBe(2)
    await page.keyboard.press('Control+z')
    expect(await clips.count()).toBe(1)
    await page.keyboard.press('Control+Shift+z')
    expect(await clips.count()).toBe(2)

    // Text at the playhead, and a look on the first clip.
    await page.getByRole('button', { name: 'Add text at playhead' }).click()
    await page.getByRole('textbox', { name: 'Text 1' }).fill('Launch day')
    await page.getByRole('textbox', { name: 'Text 1' }).blur()
    await page.getByRole('group', { name: 'Text track' }).getByText('Launch day').waitFor()
    await clips.first().click({ position: { x: 10, y: 10 } })
    await page.getByRole('button', { name: /Look/ }).click()
    await page.getByRole('option', { name: 'Warm' }).click()
    await page.getByRole('button', { name: /Warm.*Look|Look.*Warm/ }).waitFor()

    // Export is always in the header; it opens the export panel.
    await page.getByRole('button', { name: 'Export', exact: true }).click()
    await page.getByRole('button', { name: 'Export 9:16 MP4' }).click()
    const link = page.getByRole('link', { name: /^Download/ })
    await link.waitFor({ timeout: 90_000 })
    // The default export is the WebCodecs engine, and the panel says so.
    await page.getByText(/Rendered in [\d.]+ s with the WebCodecs engine/).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    const out = path.join(dir, 'export.mp4')
    await download.saveAs(out)
    const probe = ffprobe(out, true)
    const video = probe.streams.find((s) => s.codec_type === 'video')
    const audio = probe.streams.find((s) => s.codec_type === 'audio')
    expect(video).toMatchObject({
      codec_name: 'h264',
      width: 1080,
      height: 1920,
      r_frame_rate: '30/1',
    })
    expect(Number(video?.nb_read_frames)).toBe(75)
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 })

    // A cover frame from the playhead, as a 1080×1920 JPEG shown for the post.
    await page.getByRole('button', { name: 'Use the playhead frame as cover' }).click()
    const cover = page.getByRole('img', { name: /^Cover frame at / })
    await cover.waitFor({ timeout: 30_000 })
    expect(
      await cover.evaluate((img: HTMLImageElement) =>
        img.complete ? [img.naturalWidth, img.naturalHeight] : [],
      ),
    ).toEqual([1080, 1920])
    if (process.env.REELDESK_SCREENSHOT) {
      await page.getByRole('button', { name: 'Close export' }).click()
      await page.setViewportSize({ width: 1920, height: 1080 })
      await page.waitForTimeout(500)
      await page.screenshot({ path: 'docs/editor.png' })
      await page.setViewportSize({ width: 1280, height: 720 })
    }
  }, 150_000)
})
