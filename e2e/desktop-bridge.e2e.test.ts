import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { signUpThroughUi } from './auth-helpers'
import { launchChromium } from './chromium'
import { installDesktopBridge, type SimulatedMain } from './desktop-bridge'
import { ffprobe, nativeFfmpegFor, makeLandscapeClip, makeLogo, makeMusic } from './fixtures/media'

/**
 * The desktop's renderer paths in real Chromium against the real main-process code, without the
 * Electron binary (this machine cannot download it). The built web app runs with a bridge that
 * forwards every `window.reeldesk.invoke` to main's real dispatcher and handler table
 * (createIpcHandlers, so the same schemas, sender check and services as the app) in this
 * process; `/@media/…` is answered by main's real media protocol responder; the native dialogs
 * are fakes answering what each test queued.
 *
 * Proves: the desktop import (native dialog → main copies → read back through the media
 * protocol), its refusals by name, a dropped file sent to main in pieces, preview and export of
 * those originals, the render kept by main, and the save dialog (cancelled, then saved, the file
 * checked with ffprobe). No path reaches the page.
 *
 * Cannot prove (needs the Electron binary): the real native dialogs and their parenting, the
 * preload and contextBridge's structured clone (bytes cross here as base64 JSON; replies are
 * plain envelopes, so no Error has to cross), protocol.handle's streaming and range
 * replies inside Electron (here Playwright buffers each reply), and the sandbox and CSP of the
 * app:// origin.
 */

let dir = ''
let browser: Browser
let page: Page
let main: SimulatedMain
const pageErrors: string[] = []

/** Files main keeps in a folder, ignoring its own bookkeeping (partials, thumbnails). */
function stored(folder: string): string[] {
  return readdirSync(folder).filter((name) => !name.startsWith('.') && name !== 'thumbnails')
}

/** The extensions of the media originals main keeps, sorted (their names are ids). */
function storedKinds(): string[] {
  return stored(main.media.dir)
    .map((name) => path.extname(name))
    .sort()
}

/** Runs a script-made drop of `file` on the media library's drop zone. */
async function dropFile(file: string, type: string): Promise<void> {
  const bytes = readFileSync(file).toString('base64')
  await page.evaluate(
    ({ bytes, name, type }) => {
      const zone = document.querySelector('.media-library__drop')
      if (!zone) throw new Error('no drop zone')
      const data = new DataTransfer()
      data.items.add(
        new File([Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))], name, { type }),
      )
      // A script-made DataTransfer has no file-system entries and react-aria skips items without
      // one; an OS drop has them. The entry is read during the drop event, so restore right after.
      const proto = DataTransferItem.prototype
      const original = Object.getOwnPropertyDescriptor(proto, 'webkitGetAsEntry')
      Object.defineProperty(proto, 'webkitGetAsEntry', {
        configurable: true,
        value: () => ({ isFile: true, isDirectory: false }),
      })
      try {
        const { x, y } = zone.getBoundingClientRect()
        for (const kind of ['dragenter', 'dragover', 'drop']) {
          zone.dispatchEvent(
            new DragEvent(kind, {
              clientX: x + 5,
              clientY: y + 5,
              bubbles: true,
              cancelable: true,
              dataTransfer: data,
            }),
          )
        }
      } finally {
        if (original) Object.defineProperty(proto, 'webkitGetAsEntry', original)
      }
    },
    { bytes, name: path.basename(file), type },
  )
}

// Needs native ffmpeg for the fixtures and ffprobe for the saved file.
const hasFfmpeg = nativeFfmpegFor('The "desktop renderer through a simulated bridge" suite')
describe.skipIf(!hasFfmpeg)('desktop renderer through a simulated bridge', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-desktop-e2e-'))
    browser = await launchChromium()
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    page.on('pageerror', (error) => pageErrors.push(String(error)))
    main = await installDesktopBridge(page, { webOrigin: inject('baseUrl'), dataDir: dir })
  }, 60_000)

  afterEach(() => expect(pageErrors).toEqual([]))

  afterAll(async () => {
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('signs in with the session token kept by main and starts a project', async () => {
    const baseUrl = inject('baseUrl')
    await signUpThroughUi(page, baseUrl)
    expect(main.calls).toContainEqual({ method: 'tokens.set', ok: true })

    await page.goto(`${baseUrl}/#/accounts`)
    await page.getByRole('button', { name: 'Add account' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Handle').fill('studio.one')
    await dialog.getByLabel('Display name').fill('Studio One')
    await dialog.getByRole('button', { name: 'Add account' }).click()
    await page.getByRole('cell', { name: '@studio.one', exact: true }).waitFor()
    await page.goto(`${baseUrl}/#/editor`)
    await page.getByLabel('Title').fill('Launch teaser')
    await page.getByRole('button', { name: 'Create project' }).click()
    await page.getByRole('heading', { level: 2, name: 'Launch teaser' }).waitFor()
  })

  it('imports through the native dialog and refuses empty and non-media files by name', async () => {
    // The desktop offers the native dialog, not the browser's file input.
    expect(await page.locator('input[type="file"]').count()).toBe(0)
    const empty = path.join(dir, 'empty.mp4')
    writeFileSync(empty, '')
    const notMedia = path.join(dir, 'notes.mp4')
    writeFileSync(notMedia, 'just text, not a video')
    main.dialogs.answerOpen([makeLandscapeClip(dir, 3), makeMusic(dir, 4), empty, notMedia])

    await page.getByRole('button', { name: 'Import media' }).click()
    const list = page.getByRole('list', { name: 'Project media' })
    await list.getByText('landscape.mp4').waitFor({ timeout: 30_000 })
    await list.getByText('music.m4a').waitFor({ timeout: 30_000 })
    await page.getByText('“empty.mp4” is empty').waitFor()
    await page.getByText('“notes.mp4” is not a video').waitFor()

    expect(main.dialogs.opened).toHaveLength(1)
    expect(main.dialogs.opened[0]?.window).toBe(main.window)
    // Main copied the files itself: nothing came back over IPC in pieces, and the refused text
    // file's copy is gone again (the empty one was never copied).
    expect(main.calls.map((c) => c.method)).not.toContain('media.saveChunk')
    expect(storedKinds()).toEqual(['.m4a', '.mp4'])
    expect(await page.content()).not.toContain(dir)
  })

  it('sends a dropped file to main in pieces and reads it back', async () => {
    await dropFile(makeLogo(dir), 'image/png')
    await page.getByRole('list', { name: 'Project media' }).getByText('logo.png').waitFor()
    const methods = main.calls.filter((c) => c.ok).map((c) => c.method)
    expect(methods).toContain('media.saveChunk')
    expect(methods).toContain('media.saveEnd')
    expect(storedKinds()).toEqual(['.m4a', '.mp4', '.png'])
  })

  it('previews and exports; a cancelled save dialog saves nothing and keeps the render', async () => {
    await page.getByRole('button', { name: 'Add clip: landscape.mp4' }).click()
    await page.getByRole('button', { name: 'Set music: music.m4a' }).click()
    await page.locator('canvas.preview__canvas[data-frame="0"]').waitFor({ timeout: 30_000 })

    await page.getByRole('button', { name: 'Export', exact: true }).click()
    await page.getByRole('button', { name: 'Export 9:16 MP4' }).click()
    const save = page.getByRole('button', { name: 'Save Launch teaser.mp4…' })
    await save.waitFor({ timeout: 90_000 })
    // The desktop saves with its dialog; there is no download link.
    expect(await page.getByRole('link', { name: /^Download/ }).count()).toBe(0)
    const [kept] = stored(main.renders.dir)
    expect(kept).toMatch(/^[0-9a-f-]{36}\.mp4$/)
    const keptPath = path.join(main.renders.dir, kept ?? '')
    const keptSize = statSync(keptPath).size

    main.dialogs.answerSave(null)
    await save.click()
    await expect.poll(() => main.dialogs.saved.length, { timeout: 30_000 }).toBe(1)
    const shown = main.dialogs.saved[0]
    expect(shown?.window).toBe(main.window)
    expect(shown?.options.defaultPath).toBe(path.join(dir, 'Videos', 'Launch teaser.mp4'))
    // Once the answer is back the panel offers the save again and claims nothing was saved.
    await expect.poll(() => save.isEnabled(), { timeout: 30_000 }).toBe(true)
    const panel = page.getByRole('region', { name: 'Export' })
    expect(await panel.getByText(/^Saved as/).count()).toBe(0)
    expect(await panel.getByRole('alert').count()).toBe(0)
    expect(existsSync(path.join(dir, 'Videos'))).toBe(false)
    expect(statSync(keptPath).size).toBe(keptSize)
  }, 150_000)

  it('saves the kept render where the save dialog chose', async () => {
    const chosen = path.join(dir, 'chosen.mp4')
    main.dialogs.answerSave(chosen)
    await page.getByRole('button', { name: 'Save Launch teaser.mp4…' }).click()
    await page.getByRole('status').getByText('Saved as chosen.mp4.').waitFor()
    expect(main.dialogs.saved).toHaveLength(2)
    const video = ffprobe(chosen, true).streams.find((s) => s.codec_type === 'video')
    expect(video).toMatchObject({ codec_name: 'h264', width: 1080, height: 1920 })
    expect(Number(video?.nb_read_frames)).toBe(90)
  })
})
