import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { signUpThroughUi } from './auth-helpers'
import { launchChromium } from './chromium'
import { makeLandscapeClip, makePortraitClip } from './fixtures/media'

/**
 * The direct-manipulation timeline and preview, driven by role and label: every drag with the
 * mouse and again with the keyboard, each change one undo step.
 */
let browser: Browser
let page: Page
const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-timeline-'))

beforeAll(async () => {
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
  await signUpThroughUi(page, inject('baseUrl'))
  await page.goto(`${inject('baseUrl')}/#/accounts`)
  await page.getByRole('button', { name: 'Add account' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Handle').fill('drag.test')
  await dialog.getByLabel('Display name').fill('Drag Test')
  await dialog.getByRole('button', { name: 'Add account' }).click()
  await page.getByRole('cell', { name: '@drag.test', exact: true }).waitFor()
  await page.goto(`${inject('baseUrl')}/#/editor`)
  await page.getByLabel('Title').fill('Drag study')
  await page.getByRole('button', { name: 'Create project' }).click()
  await page.getByRole('heading', { level: 2, name: 'Drag study' }).waitFor()
  await page
    .locator('input[type="file"]')
    .setInputFiles([makeLandscapeClip(dir, 3, 'a.mp4'), makePortraitClip(dir, 2, 'b.mp4')])
  const media = page.getByRole('list', { name: 'Project media' })
  await media.getByText('b.mp4').waitFor({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Add clip: a.mp4' }).click()
  await page.getByRole('button', { name: 'Add clip: b.mp4' }).click()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

const videoTrack = () => page.getByRole('group', { name: 'Video track' })
const clipNames = async () =>
  (
    await videoTrack()
      .getByRole('button')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
  ).map((label) => label.split(',')[0])
const timecode = () => page.getByLabel('Playhead position')
const duration = async () => (await timecode().textContent())?.split(' / ')[1]

/** Drags `locator`'s centre by (dx, dy) with the mouse, in steps, optionally holding Alt. */
async function drag(locator: Locator, dx: number, dy = 0, alt = false) {
  const box = await locator.boundingBox()
  if (!box) throw new Error('nothing to drag')
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  if (alt) await page.keyboard.down('Alt')
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y + (dy * i) / 8)
  await page.mouse.up()
  if (alt) await page.keyboard.up('Alt')
}

describe('timeline by mouse', () => {
  it('reorders a clip by dragging it past its neighbour, as one undo step', async () => {
    expect(await clipNames()).toEqual(['Clip a.mp4', 'Clip b.mp4'])
    await drag(videoTrack().getByRole('button', { name: /^Clip a\.mp4/ }), 330)
    await expect.poll(clipNames).toEqual(['Clip b.mp4', 'Clip a.mp4'])
    await page.getByRole('button', { name: 'Undo Move clip' }).click()
    await expect.poll(clipNames).toEqual(['Clip a.mp4', 'Clip b.mp4'])
  })

  it('trims with ripple by dragging an edge, and rolls the cut with Alt', async () => {
    expect(await duration()).toBe('0:05.00')
    await videoTrack()
      .getByRole('button', { name: /^Clip a\.mp4/ })
      .click({ position: { x: 10, y: 10 } })
    const end = page.getByRole('slider', { name: /^End of Clip a\.mp4/ })
    // 80 px is 1 s at the default zoom: the video gets 1 s shorter, the next clip follows.
    await drag(end, -80)
    await expect.poll(duration).toBe('0:04.00')
    expect(await page.getByRole('button', { name: 'Undo Trim clip' }).isEnabled()).toBe(true)
    // With Alt the cut moves instead: b gives up what a gains, and the length stays.
    await drag(page.getByRole('slider', { name: /^End of Clip a\.mp4/ }), 40, 0, true)
    await expect.poll(duration).toBe('0:04.00')
    await expect
      .poll(
        async () =>
          (await videoTrack()
            .getByRole('button', { name: /^Clip b\.mp4/ })
            .getAttribute('aria-label')) ?? '',
      )
      .toMatch(/0:02\.15 to 0:04\.00/)
    // One undo at a time, each seen on screen before the next: two quick clicks once left the
    // roll's length on a loaded machine (cause not found); this way a recurrence says which
    // undo did not take.
    const clipB = () =>
      videoTrack()
        .getByRole('button', { name: /^Clip b\.mp4/ })
        .getAttribute('aria-label')
    await page.getByRole('button', { name: /^Undo/ }).click()
    await expect.poll(async () => (await clipB()) ?? '').not.toMatch(/0:02\.15 to 0:04\.00/)
    expect(await duration()).toBe('0:04.00')
    await page.getByRole('button', { name: /^Undo/ }).click()
    await expect.poll(duration).toBe('0:05.00')
  })

  it('seeks by clicking the ruler, and the preview shows that frame', async () => {
    const ruler = page.getByRole('slider', { name: 'Playhead' })
    const box = await ruler.boundingBox()
    if (!box) throw new Error('no ruler')
    await page.mouse.click(box.x + 120, box.y + box.height / 2)
    // 120 px at 80 px/s = 1.5 s = frame 45; the preview draws it.
    await expect.poll(() => timecode().textContent()).toBe('0:01.15 / 0:05.00')
    await page.locator('canvas.preview__canvas[data-frame="45"]').waitFor({ timeout: 30_000 })
  })

  it('zooms with Ctrl+wheel and fits the timeline to the window', async () => {
    const zoom = page.getByRole('slider', { name: 'Zoom' })
    const before = Number(await zoom.inputValue())
    const lanes = videoTrack()
    const box = await lanes.boundingBox()
    if (!box) throw new Error('no lanes')
    await page.mouse.move(box.x + 50, box.y + 10)
    await page.keyboard.down('Control')
    await page.mouse.wheel(0, -300)
    await page.keyboard.up('Control')
    await expect.poll(async () => Number(await zoom.inputValue())).toBeGreaterThan(before)
    await page.getByRole('button', { name: 'Fit the timeline to the window' }).click()
    const fitted = Number(await zoom.inputValue())
    const width = await page.locator('.timeline__scroller').evaluate((el) => el.clientWidth)
    expect(fitted).toBeCloseTo(((width - 40) * 0.95) / 5, 0)
  })
})

describe('timeline by keyboard', () => {
  it('moves a clip one place with the arrow keys, and trims a frame at a time', async () => {
    await videoTrack()
      .getByRole('button', { name: /^Clip a\.mp4/ })
      .focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(clipNames).toEqual(['Clip b.mp4', 'Clip a.mp4'])
    await page.keyboard.press('Control+z')
    await expect.poll(clipNames).toEqual(['Clip a.mp4', 'Clip b.mp4'])

    await videoTrack()
      .getByRole('button', { name: /^Clip b\.mp4/ })
      .press('Enter')
    const end = page.getByRole('slider', { name: /^End of Clip b\.mp4/ })
    await end.focus()
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft')
    await expect.poll(duration).toBe('0:04.27')
    await page.keyboard.press('Shift+ArrowLeft')
    await expect.poll(duration).toBe('0:03.27')
    // The nudges in a row are one step.
    await page.getByRole('button', { name: 'Undo Trim clip' }).click()
    await expect.poll(duration).toBe('0:05.00')
  })

  it('moves a text by a frame or a second, copies, pastes and deletes with ripple', async () => {
    await page.keyboard.press('Home')
    await page.getByRole('button', { name: 'Add text at playhead' }).click()
    const text = page.getByRole('group', { name: 'Text track' }).getByRole('button').first()
    await text.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Shift+ArrowRight')
    await expect
      .poll(() => text.getAttribute('aria-label'))
      .toBe('Text Your text, 0:01.01 to 0:03.01')

    await videoTrack()
      .getByRole('button', { name: /^Clip a\.mp4/ })
      .click({ position: { x: 5, y: 5 } })
    await page.keyboard.press('Control+c')
    await page.keyboard.press('End')
    await page.keyboard.press('Control+v')
    await expect.poll(clipNames).toEqual(['Clip a.mp4', 'Clip b.mp4', 'Clip a.mp4'])
    await expect.poll(duration).toBe('0:08.00')
    // Ctrl+click adds to the selection; Delete removes both and closes the gap.
    await videoTrack()
      .getByRole('button', { name: /^Clip b\.mp4/ })
      .click({ modifiers: ['Control'] })
    await expect
      .poll(() => page.getByRole('button', { name: 'Delete 2 selected items (Delete)' }).count())
      .toBe(1)
    await page.keyboard.press('Delete')
    await expect.poll(clipNames).toEqual(['Clip a.mp4'])
    await expect.poll(duration).toBe('0:03.00')
    await page.keyboard.press('Control+z')
    await expect.poll(clipNames).toEqual(['Clip a.mp4', 'Clip b.mp4', 'Clip a.mp4'])
  })

  it('puts a video on an overlay track and moves it up a track with Alt+Up', async () => {
    await page.keyboard.press('Home')
    await page.getByRole('button', { name: 'Add overlay: b.mp4' }).click()
    const first = page.getByRole('group', { name: 'Overlay track 1' }).getByRole('button')
    await expect.poll(() => first.count()).toBe(1)
    await first.focus()
    await page.keyboard.press('Alt+ArrowUp')
    await page
      .getByRole('group', { name: 'Overlay track 2' })
      .getByRole('button', { name: /^Overlay b\.mp4/ })
      .waitFor()
    expect(
      await page.getByRole('group', { name: 'Overlay track 1' }).getByRole('button').count(),
    ).toBe(0)
  })
})

describe('preview', () => {
  it('moves a text by dragging it on the preview, snapping to the centre, and with the arrow keys', async () => {
    await page.keyboard.press('Home')
    await page.getByRole('group', { name: 'Text track' }).getByRole('button').first().click()
    const inspectorX = page
      .getByRole('group', { name: 'Text overlay 1' })
      .getByLabel('Centre X (%)')
    const inspectorY = page
      .getByRole('group', { name: 'Text overlay 1' })
      .getByLabel('Centre Y (%)')
    await page.keyboard.press('ArrowRight') // onto the text's frames
    await page.keyboard.press('Shift+ArrowRight')
    const handle = page.getByRole('button', { name: /^Text “Your text”: drag to move/ })
    await handle.waitFor()
    // Down by a quarter of the preview's height: y goes from 20 % to about 45 %; x stays centred.
    const frame = await page.locator('.preview__frame').boundingBox()
    if (!frame) throw new Error('no preview')
    await drag(handle, 3, frame.height * 0.25)
    await expect.poll(async () => Number(await inspectorY.inputValue())).toBeGreaterThan(40)
    expect(await inspectorX.inputValue()).toBe('50')
    await page.getByRole('button', { name: 'Undo Move on the preview' }).waitFor()
    // Keyboard: each arrow moves it 1 % of the canvas.
    const y = Number(await inspectorY.inputValue())
    await handle.focus()
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    await expect
      .poll(async () => Number(await inspectorY.inputValue()))
      .toBeCloseTo(y - (2 * 1080) / 1920, 0)
  })

  it('resizes a text from its corner', async () => {
    const size = page.getByRole('group', { name: 'Text overlay 1' }).getByLabel('Size (px)')
    expect(await size.inputValue()).toBe('96')
    await drag(page.getByRole('button', { name: /^Resize Text “Your text”/ }), 40, 10)
    await expect.poll(async () => Number(await size.inputValue())).toBeGreaterThan(96)
  })
})
