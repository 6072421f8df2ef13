import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { signUpThroughUi } from './auth-helpers'
import { launchChromium } from './chromium'
import { makeLandscapeClip } from './fixtures/media'

/**
 * The preview plays the edit's sound: two 2 s clips with a 440 Hz tone, the second one muted. The
 * preview's level meter (an AnalyserNode on the preview's Web Audio output) is sampled with the
 * frame on screen while it plays: sound over the first clip, silence over the muted one.
 */
let browser: Browser
let page: Page
const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-preview-sound-'))

beforeAll(async () => {
  browser = await launchChromium()
  page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage()
  await signUpThroughUi(page, inject('baseUrl'))
}, 60_000)

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

interface Sample {
  frame: number
  level: number
}

/** Plays from the start and samples (frame shown, meter level) every animation frame. */
async function playAndSample(): Promise<Sample[]> {
  await page.getByRole('button', { name: 'Go to start (Home)' }).click()
  // The first frame is on screen (not just the playhead moved), so samples pair frame and sound.
  await expect
    .poll(() => page.locator('canvas.preview__canvas').getAttribute('data-frame'))
    .toBe('0')
  await page.getByRole('button', { name: 'Play (Space)' }).click()
  return page.evaluate(
    () =>
      new Promise<Sample[]>((resolve) => {
        const samples: Sample[] = []
        const started = performance.now()
        const tick = () => {
          const canvas = document.querySelector<HTMLCanvasElement>('canvas.preview__canvas')
          const meter = document.querySelector<HTMLMeterElement>('meter.preview__meter')
          samples.push({ frame: Number(canvas?.dataset.frame ?? -1), level: meter?.value ?? -1 })
          const playing = document.querySelector('[aria-label="Pause (Space)"]') !== null
          // Stops when playback ends (after it started), or after 30 s on a very slow machine.
          if (
            (!playing && performance.now() - started > 500) ||
            performance.now() - started > 30_000
          )
            resolve(samples)
          else requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }),
  )
}

describe('preview sound', () => {
  it('sounds where the timeline has sound and is silent where a clip is muted', async () => {
    await page.goto(`${inject('baseUrl')}/#/accounts`)
    await page.getByRole('button', { name: 'Add account' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Handle').fill('sound.check')
    await dialog.getByLabel('Display name').fill('Sound Check')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await page.getByRole('cell', { name: '@sound.check', exact: true }).waitFor()
    await page.goto(`${inject('baseUrl')}/#/editor`)
    await page.getByLabel('Title').fill('Sound check')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('heading', { level: 2, name: 'Sound check' }).waitFor()
    await page
      .locator('input[type="file"]')
      .setInputFiles([
        makeLandscapeClip(dir, 2, 'loud.mp4'),
        makeLandscapeClip(dir, 2, 'quiet.mp4'),
      ])
    const media = page.getByRole('list', { name: 'Project media' })
    await media.getByText('quiet.mp4').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Add clip: loud.mp4' }).click()
    await page.getByRole('button', { name: 'Add clip: quiet.mp4' }).click()
    const videoTrack = page.getByRole('group', { name: 'Video track' })
    await videoTrack.getByRole('button', { name: /^Clip quiet\.mp4/ }).click()
    await page.getByText('Mute this clip').click()
    await expect
      .poll(() => page.getByRole('checkbox', { name: 'Mute this clip' }).isChecked())
      .toBe(true)
    await page.keyboard.press('Escape')
    // The edit reloads the preview; play once it is ready.
    await expect
      .poll(() => page.getByRole('button', { name: 'Play (Space)' }).isEnabled(), {
        timeout: 30_000,
      })
      .toBe(true)

    const samples = await playAndSample()
    // At 30 fps: the loud clip is frames 0–59, the muted one 60–119. Away from the cut (the
    // meter reads the last ~43 ms, and the output has some latency).
    const loud = samples.filter((s) => s.frame >= 6 && s.frame <= 54)
    const quiet = samples.filter((s) => s.frame >= 66 && s.frame <= 117)
    expect(loud.length).toBeGreaterThanOrEqual(2)
    expect(quiet.length).toBeGreaterThanOrEqual(2)
    // A −21 dBFS tone reads about 0.65 on the meter (−60..0 dBFS); silence reads 0.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? -1
    expect(median(loud.map((s) => s.level))).toBeGreaterThan(0.4)
    expect(Math.max(...quiet.map((s) => s.level))).toBeLessThan(0.05)

    // Muting the preview (M) silences what it plays, not the edit.
    await page.keyboard.press('m')
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Mute the preview (M)' }).getAttribute('aria-pressed'),
      )
      .toBe('true')
    const mutedRun = await playAndSample()
    const mutedLoud = mutedRun.filter((s) => s.frame >= 6 && s.frame <= 54)
    expect(mutedLoud.length).toBeGreaterThanOrEqual(2)
    expect(Math.max(...mutedLoud.map((s) => s.level))).toBeLessThan(0.05)
    await page.keyboard.press('m')
  }, 120_000)
})
