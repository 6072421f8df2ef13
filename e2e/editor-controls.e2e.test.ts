import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { signUpThroughUi } from './auth-helpers'
import { launchChromium } from './chromium'
import { ffprobe, makeLandscapeClip, makeLogo } from './fixtures/media'

let browser: Browser
let page: Page
const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-editor-controls-'))

beforeAll(async () => {
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage()
  await signUpThroughUi(page, inject('baseUrl'))
}, 60_000)

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Picks `option` in the React Aria select whose label matches `label`. */
async function choose(label: RegExp, option: string) {
  await page.getByRole('button', { name: label }).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

/** Types a number into a labelled field and commits it, as a person would (Enter). */
async function enter(scope: Page | Locator, label: string, value: string) {
  const field = scope.getByLabel(label, { exact: true })
  await field.fill(value)
  await field.press('Enter')
}

describe('editor controls', () => {
  it('sets format, transition, text style, logo and a product tag; undoes, reopens and exports them', async () => {
    await page.goto(`${inject('baseUrl')}/#/accounts`)
    await page.getByRole('button', { name: 'Add account' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Handle').fill('square.shop')
    await dialog.getByLabel('Display name').fill('Square Shop')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await page.getByRole('cell', { name: '@square.shop', exact: true }).waitFor()
    await page.goto(`${inject('baseUrl')}/#/editor`)
    await page.getByLabel('Title').fill('Square promo')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('heading', { level: 2, name: 'Square promo' }).waitFor()

    await page
      .locator('input[type="file"]')
      .setInputFiles([makeLandscapeClip(dir, 1.5), makeLogo(dir)])
    const media = page.getByRole('list', { name: 'Project media' })
    await media.getByText('landscape.mp4').waitFor({ timeout: 30_000 })
    await media.getByText('logo.png').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Add clip: landscape.mp4' }).click()
    await page.getByRole('button', { name: 'Add clip: landscape.mp4' }).click()
    const timecode = page.getByLabel('Playhead position')
    expect(await timecode.textContent()).toBe('0:00.00 / 0:03.00')
    // With nothing selected the inspector shows the project's format.
    const deselect = async () => {
      await page.locator('body').click({ position: { x: 5, y: 5 } })
      await page.keyboard.press('Escape')
    }

    // Format: square canvas at 60 fps (the timecode counts 60 frames a second from now on).
    await choose(/Canvas/, '1080×1080 (1:1)')
    await choose(/Frame rate/, '60 fps')
    await page.getByRole('button', { name: /1080×1080.*Canvas/ }).waitFor()
    await page.getByRole('button', { name: /60 fps.*Frame rate/ }).waitFor()
    // The preview draws a square at its display size (the export draws 1080×1080).
    expect(await page.locator('canvas.preview__canvas').getAttribute('width')).toBe('960')
    expect(await page.locator('canvas.preview__canvas').getAttribute('height')).toBe('960')

    // A crossfade from the first clip into the second, shown on the video track.
    const videoTrack = page.getByRole('group', { name: 'Video track' })
    await videoTrack
      .getByRole('button')
      .first()
      .click({ position: { x: 10, y: 10 } })
    await choose(/Transition to next clip/, 'Crossfade')
    await videoTrack.getByRole('img', { name: 'Crossfade 0.5 s' }).waitFor()
    const transition = page.getByRole('region', { name: 'Transition' })
    await enter(transition, 'Transition length (s)', '0.8')
    await videoTrack.getByRole('img', { name: 'Crossfade 0.8 s' }).waitFor()
    expect(await timecode.textContent()).toMatch(/ \/ 0:02\.12$/)
    // Longer than the 1.5 s clips allow: the model refuses, says why beside the field, and
    // nothing changes.
    await enter(transition, 'Transition length (s)', '2.5')
    await expect
      .poll(() => transition.getByRole('alert').textContent())
      .toMatch(/longer than the two clips allow \(at most 1\.5 s\)/)
    expect(await transition.getByLabel('Transition length (s)').inputValue()).toBe('0.8')
    expect(await page.getByRole('region', { name: 'Timeline' }).getByRole('alert').count()).toBe(0)

    // The clip's own adjustments beside its look.
    const effects = page.getByRole('region', { name: 'Effects' })
    await enter(effects, 'Brightness', '0.1')
    // React Aria keeps the real input visually hidden under its drawn box: click the label.
    await effects.getByText('Black and white').click()
    expect(await effects.getByRole('checkbox', { name: 'Black and white' }).isChecked()).toBe(true)

    // A styled text: color, outline and position.
    await page.getByRole('button', { name: 'Add text at playhead' }).click()
    const text = page.getByRole('group', { name: 'Text overlay 1', exact: true })
    await text.getByRole('textbox', { name: 'Text 1' }).fill('Sale')
    await text.getByRole('textbox', { name: 'Text 1' }).blur()
    await text.getByLabel('Text color').fill('#ffcc00')
    await enter(text, 'Outline (px)', '6')
    await text.getByLabel('Outline color').fill('#112233')
    await enter(text, 'Centre X (%)', '30')
    await enter(text, 'Centre Y (%)', '75')
    await page.getByRole('group', { name: 'Text track' }).getByText('Sale').waitFor()

    // A logo, placed and faded from the inspector.
    await page.getByRole('button', { name: 'Add image: logo.png' }).click()
    const image = page.getByRole('group', { name: 'Image overlay 1', exact: true })
    await image.getByText('Image 1: logo.png').waitFor()
    await enter(image, 'Centre X (%)', '80')
    await enter(image, 'Centre Y (%)', '12')
    await enter(image, 'Width (% of canvas)', '30')
    await enter(image, 'Opacity (%)', '70')

    // A product tag at 1 s (60 frames at 60 fps), on the ruler.
    await deselect()
    await page.keyboard.press('Home')
    for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight')
    expect(await timecode.textContent()).toBe('0:01.00 / 0:02.12')
    const tags = page.getByRole('region', { name: 'Product tags' })
    await tags.getByRole('button', { name: 'Tag product at playhead' }).click()
    await expect.poll(() => tags.getByRole('alert').textContent()).toMatch(/cannot be empty/)
    await page.getByLabel('Product ID').fill('SKU-42')
    await tags.getByRole('button', { name: 'Tag product at playhead' }).click()
    const ruler = page.getByRole('group', { name: 'Ruler' })
    const tag = ruler.getByRole('img', { name: 'Product tag SKU-42 at 0:01.00' })
    await tag.waitFor()

    // Undo and redo the tag with the timeline's buttons.
    await page.getByRole('button', { name: 'Undo Add product tag' }).click()
    await tag.waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Redo Add product tag' }).click()
    await tag.waitFor()

    // Everything was saved: reopen the project and read it back from the controls.
    await page.getByRole('status', { name: /^Project: All changes saved/ }).waitFor()
    await page.getByRole('button', { name: 'Back to projects' }).click()
    await page.getByRole('button', { name: 'Open Square promo' }).click()
    await page.getByRole('button', { name: /1080×1080.*Canvas/ }).waitFor()
    await page.getByRole('button', { name: /60 fps.*Frame rate/ }).waitFor()
    await videoTrack.getByRole('img', { name: 'Crossfade 0.8 s' }).waitFor()
    await ruler.getByRole('img', { name: 'Product tag SKU-42 at 0:01.00' }).waitFor()
    // The inspector shows what is selected: the text, then the image.
    await page
      .getByRole('group', { name: 'Text track' })
      .getByRole('button', { name: /^Text Sale/ })
      .click()
    expect(await text.getByLabel('Text color').inputValue()).toBe('#ffcc00')
    expect(await text.getByLabel('Outline color').inputValue()).toBe('#112233')
    expect(await text.getByLabel('Outline (px)', { exact: true }).inputValue()).toBe('6')
    expect(await text.getByLabel('Centre X (%)').inputValue()).toBe('30')
    expect(await text.getByLabel('Centre Y (%)').inputValue()).toBe('75')
    await page
      .getByRole('group', { name: 'Image track' })
      .getByRole('button', { name: /^Image logo\.png/ })
      .click()
    expect(await image.getByLabel('Opacity (%)').inputValue()).toBe('70')
    expect(await image.getByLabel('Width (% of canvas)').inputValue()).toBe('30')
    // The second clip overlaps the first by the crossfade: click the first near its start.
    await videoTrack
      .getByRole('button')
      .first()
      .click({ position: { x: 10, y: 10 } })
    expect(await effects.getByLabel('Brightness').inputValue()).toBe('0.1')
    expect(await effects.getByRole('checkbox', { name: 'Black and white' }).isChecked()).toBe(true)

    // The export is square, at 60 fps, as long as the edit: 2.2 s → 132 frames.
    await page.getByRole('button', { name: 'Export', exact: true }).click()
    await page.getByRole('button', { name: 'Export 1:1 MP4' }).click()
    const link = page.getByRole('link', { name: /^Download/ })
    await link.waitFor({ timeout: 150_000 })
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    const out = path.join(dir, 'square.mp4')
    await download.saveAs(out)
    const video = ffprobe(out, true).streams.find((s) => s.codec_type === 'video')
    expect(video).toMatchObject({ codec_name: 'h264', width: 1080, height: 1080 })
    expect(video?.r_frame_rate).toBe('60/1')
    expect(Number(video?.nb_read_frames)).toBe(132)
  }, 240_000)

  it('frames a clip by crop, position and zoom, starting the crop from what fill showed', async () => {
    await page.getByRole('button', { name: 'Back to projects' }).click()
    await page.getByLabel('Title').fill('Crop study')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('heading', { level: 2, name: 'Crop study' }).waitFor()
    await page.getByRole('button', { name: 'Add clip: landscape.mp4' }).click()
    await page.getByRole('group', { name: 'Video track' }).getByRole('button').first().click()
    const clip = page.getByRole('region', { name: 'Selected clip' })
    expect(await clip.getByLabel('Crop width (%)').count()).toBe(0)

    // 16:9 into 9:16: the centred strip is 9/16 ÷ 16/9 = 31.64 % of the width, starting at 34.17 % (edges rounded inwards).
    await choose(/Framing/, 'Crop')
    await clip.getByLabel('Crop width (%)').waitFor()
    expect(await clip.getByLabel('Crop width (%)').inputValue()).toBe('31.64')
    expect(await clip.getByLabel('Crop left (%)').inputValue()).toBe('34.17')
    expect(await clip.getByLabel('Crop height (%)').inputValue()).toBe('100')

    await enter(clip, 'Crop left (%)', '0')
    await enter(clip, 'Zoom (×)', '1.5')
    await enter(clip, 'Picture centre X (%)', '40')
    expect(await clip.getByLabel('Crop left (%)').inputValue()).toBe('0')
    // A crop past the source's right edge is refused beside the fields, and nothing changes.
    await enter(clip, 'Crop left (%)', '90')
    await expect
      .poll(() => clip.getByRole('alert').textContent())
      .toMatch(/crop rectangle must lie inside the source/)
    expect(await clip.getByLabel('Crop left (%)').inputValue()).toBe('0')

    // Undo walks back through zoom and position to the crop edit; the framing stays a crop.
    // (Focus leaves the field first: inside a text field Ctrl+Z is the field's own undo.)
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+z')
    await page.keyboard.press('Control+z')
    expect(await clip.getByLabel('Zoom (×)').inputValue()).toBe('1')
    expect(await clip.getByLabel('Picture centre X (%)').inputValue()).toBe('50')
    expect(await clip.getByLabel('Crop left (%)').inputValue()).toBe('0')
    await page.keyboard.press('Control+z')
    expect(await clip.getByLabel('Crop left (%)').inputValue()).toBe('34.17')
  }, 60_000)
})
