import { mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { HarnessImport } from '../renderer/features/editor/media/harness-api'
import { launchChromium } from './chromium'
import {
  ffprobe,
  nativeFfmpegFor,
  makeLandscapeClip,
  makeLogo,
  makeMusic,
  probeInfo,
} from './fixtures/media'
import {
  makeEmpty,
  makeFaststart,
  makeProRes,
  makeRotatedClip,
  makeTextAsMp4,
  makeTruncatedCopy,
  makeWav,
} from './fixtures/media-import'

/**
 * The media library's import in Chromium (mediabunny + WebCodecs + OPFS), on the built app
 * served by the real server, through the test-only harness page that mounts MediaLibrary alone.
 * Probe values are checked against native ffprobe. Skipped where native ffmpeg is missing.
 */

const HARNESS = '/features/editor/media/harness.html'
const FRAME_MS = 1000 / 30

let dir = ''
let browser: Browser
let page: Page
const pageErrors: string[] = []
const files: Record<string, string> = {}

async function importFiles(paths: string[]): Promise<void> {
  const before = await rowCount()
  await page.locator('input[type="file"]').setInputFiles(paths)
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll('.media-library__items > li, .media-library__refusals > li')
        .length >= n && !document.querySelector('[aria-label="Importing media"]'),
    before + paths.length,
    { timeout: 60_000 },
  )
}

function rowCount(): Promise<number> {
  return page.locator('.media-library__items > li, .media-library__refusals > li').count()
}

function imported(): Promise<HarnessImport[]> {
  return page.evaluate(() => window.__reeldeskMediaTest?.imported() ?? [])
}

async function byName(name: string): Promise<HarnessImport> {
  const found = (await imported()).find((i) => i.doc.fileName === name)
  if (!found) throw new Error(`${name} was not imported; page errors: ${pageErrors.join('\n')}`)
  return found
}

function refusal(name: string) {
  return page.locator('.media-library__refusals > li').filter({ hasText: `“${name}”` })
}

const hasFfmpeg = nativeFfmpegFor('The "media import in Chromium" suite')
describe.skipIf(!hasFfmpeg)('media import in Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-media-e2e-'))
    files.landscape = makeLandscapeClip(dir, 3)
    files.rotated = makeRotatedClip(dir, 2)
    files.png = makeLogo(dir)
    files.music = makeMusic(dir, 4)
    files.wav = makeWav(dir, 2)
    files.empty = makeEmpty(dir)
    files.truncated = makeTruncatedCopy(files.landscape, dir, 20 * 1024, 'truncated.mp4')
    const fast = makeFaststart(files.landscape, dir)
    files.truncatedFast = makeTruncatedCopy(
      fast,
      dir,
      Math.floor(statSync(fast).size * 0.6),
      'truncated-faststart.mp4',
    )
    files.text = makeTextAsMp4(dir)
    files.prores = makeProRes(dir)
    files.again = makeLandscapeClip(dir, 1, 'after-errors.mp4')

    browser = await launchChromium()
    page = await browser.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.goto(`${inject('baseUrl')}${HARNESS}`)
    await page.getByRole('button', { name: 'Import media' }).waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('probes a 1080p clip with audio like ffprobe does, with a thumbnail and a waveform', async () => {
    await importFiles([files.landscape ?? ''])
    const clip = await byName('landscape.mp4')
    const expected = probeInfo(files.landscape ?? '')
    expect(Math.abs((clip.doc.durationMs ?? 0) - expected.durationMs)).toBeLessThanOrEqual(FRAME_MS)
    expect(clip.doc).toMatchObject({
      kind: 'video',
      width: 1920,
      height: 1080,
      fps: 30,
      rotation: 0,
      hasAudio: true,
      codecs: { video: 'avc', audio: 'aac' },
      sizeBytes: statSync(files.landscape ?? '').size,
    })
    expect(clip.thumbnail?.type).toBe('image/webp')
    expect(clip.thumbnailSize).toEqual({ width: 160, height: 90 })
    expect(clip.peaksLength).toBe(200)
    // lavfi's sine is 1/8 full scale; `-ac 2` upmixes mono at 0.7071, so the peak is ≈ 0.088.
    expect(clip.maxPeak).toBeGreaterThan(0.07)
    expect(clip.maxPeak).toBeLessThan(0.13)
    const row = page.locator(`[data-media-id="${clip.doc.id}"]`)
    await expect(row.textContent()).resolves.toContain('0:03 · 1920×1080')
    await expect(row.locator('img').count()).resolves.toBe(1)
  })

  it('reads rotation, stills and audio-only files', async () => {
    await importFiles([files.rotated ?? '', files.png ?? '', files.music ?? '', files.wav ?? ''])
    expect(pageErrors).toEqual([])

    const rotated = await byName('rotated.mp4')
    const rotatedInfo = probeInfo(files.rotated ?? '')
    expect(rotated.doc).toMatchObject({ width: 1280, height: 720, fps: 30, hasAudio: true })
    // mediabunny reports clockwise degrees (the `media` schema's convention); ffmpeg 5's ffprobe
    // prints the display matrix angle counter-clockwise: 90 there is 270 here.
    expect(rotated.doc.rotation).toBe((360 - rotatedInfo.rotation) % 360)
    expect({ w: rotated.displayWidth, h: rotated.displayHeight }).toEqual({ w: 720, h: 1280 })
    // CanvasSink applies the matrix: the thumbnail is upright (portrait).
    expect(rotated.thumbnailSize).toEqual({ width: 160, height: 284 })

    const png = await byName('logo.png')
    expect(png.doc).toMatchObject({
      kind: 'image',
      width: 320,
      height: 160,
      durationMs: null,
      fps: null,
      hasAudio: false,
    })
    expect(png.thumbnailSize).toEqual({ width: 160, height: 80 })

    // Peaks: tone.wav is one 1/8-scale sine; music.m4a is two of them summed (beats to ≈ 0.25).
    const peakRange: Record<string, [number, number]> = {
      'music.m4a': [0.18, 0.3],
      'tone.wav': [0.12, 0.13],
    }
    for (const [name, [low, high]] of Object.entries(peakRange)) {
      const audio = await byName(name)
      const source = path.join(dir, name)
      const expected = Math.round(Number(ffprobe(source).format.duration) * 1000)
      expect(audio.doc).toMatchObject({ kind: 'audio', width: null, fps: null, hasAudio: true })
      expect(Math.abs((audio.doc.durationMs ?? 0) - expected)).toBeLessThanOrEqual(FRAME_MS)
      expect(audio.thumbnail).toBeNull()
      expect(audio.peaksLength).toBe(200)
      expect(audio.maxPeak).toBeGreaterThan(low)
      expect(audio.maxPeak).toBeLessThan(high)
    }
  })

  it('keeps the original on the device and gives it back as a File', async () => {
    const clip = await byName('landscape.mp4')
    const back = await page.evaluate(
      ({ id, name }) => window.__reeldeskMediaTest?.original(id, name),
      { id: clip.doc.id, name: clip.doc.fileName },
    )
    expect(back).toEqual({ name: 'landscape.mp4', bytes: statSync(files.landscape ?? '').size })
  })

  it('refuses bad files, naming each and its reason, and stays usable', async () => {
    const bad = ['empty', 'truncated', 'truncatedFast', 'text', 'prores'].map((k) => files[k] ?? '')
    const importedBefore = (await imported()).length
    await importFiles(bad)
    expect((await imported()).length).toBe(importedBefore)

    const expectations: [string, string, RegExp][] = [
      ['empty.mp4', 'empty', /is empty \(0 bytes\)/],
      ['truncated.mp4', 'corrupt', /damaged or incomplete/],
      ['truncated-faststart.mp4', 'corrupt', /damaged or incomplete/],
      ['notes.mp4', 'not-media', /is not a video, audio or image file/],
      ['prores.mov', 'unsupported-codec', /video codec .*cannot decode/],
    ]
    for (const [name, code, message] of expectations) {
      const row = refusal(name)
      await expect(row.count(), name).resolves.toBe(1)
      await expect(row.getAttribute('data-code'), name).resolves.toBe(code)
      await expect(row.textContent(), name).resolves.toMatch(message)
    }

    // A refusal can be dismissed, and the next good import still works.
    await page.getByRole('button', { name: 'Dismiss the message about empty.mp4' }).click()
    await expect(refusal('empty.mp4').count()).resolves.toBe(0)
    await importFiles([files.again ?? ''])
    const again = await byName('after-errors.mp4')
    expect(again.doc.width).toBe(1920)
    expect(pageErrors).toEqual([])
  })
})
