import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DRAFT_APPROVAL } from '../shared/data/collections/posts'
import { docOf, pushAll, signUpUser, type TestUser } from '../server/test-support/agency'
import { blobClient, sha256 } from '../server/test-support/blob-client'
import { startServerProcess, type ServerProcess } from '../server/test-support/server-process'
import { testClockClient, testClockEnv } from '../server/test-support/test-clock'
import { syncStatus } from './auth-helpers'
import { launchChromium } from './chromium'
import { makeMusic, makePortraitClip, run } from './fixtures/media'
import { pullAll } from './pull-all'

// Two browser contexts are two members: an editor writes and submits, the owner approves from the
// web mode; the server publishes through the sandbox platform and both see each state live.
let browser: Browser
let contexts: BrowserContext[] = []
let editorPage: Page
let ownerPage: Page
let baseUrl: string
let owner: TestUser
let editor: TestUser & { email: string }
let workspaceId: string

async function signIn(page: Page, email: string) {
  await page.goto(baseUrl)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill('a long enough password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 30_000 })
}

async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height })
    await page.screenshot({ path: `test-results/${name}-${width}.png` })
  }
  await page.setViewportSize({ width: 1280, height: 720 })
}

beforeAll(async () => {
  baseUrl = inject('baseUrl')
  // The workspace, its linked sandbox account and an uploaded video, made as a client would.
  owner = await signUpUser(baseUrl, 'Owner')
  const created = await owner.api.workspaces.create.mutate({ name: 'Studio Agency' })
  workspaceId = created.workspaceId
  const { accountId } = await owner.api.platform.linkSandbox.mutate({
    workspaceId,
    size: 'new',
    seed: 3,
  })
  const joined = await signUpUser(baseUrl, 'Editor')
  const invite = await owner.api.workspaces.createInvite.mutate({
    workspaceId,
    role: 'editor',
    accountIds: [],
  })
  await joined.api.workspaces.acceptInvite.mutate({ code: invite.code })
  const me = await joined.api.auth.me.query()
  editor = { ...joined, email: me.user.email }
  const video = randomBytes(400_000)
  const blobs = blobClient(baseUrl, owner.token, workspaceId)
  const started = await blobs.start(video, { collection: 'media', accountId })
  if (started.body?.['status'] !== 'stored') {
    const id = (started.body?.['upload'] as { uploadId: string }).uploadId
    await blobs.put(id, 0, video)
    await blobs.complete(id)
  }
  await pushAll(owner.api, workspaceId, 'media', [
    docOf('media', workspaceId, {
      accountId,
      fileName: 'morning-run.mp4',
      kind: 'video',
      durationMs: 75_000,
      width: 1080,
      height: 1920,
      sizeBytes: video.length,
      sha256: sha256(video),
      remoteRef: `sha256:${sha256(video)}`,
    }),
  ])

  // A product in the account's Shop catalogue, to tag from the composer.
  await pushAll(owner.api, workspaceId, 'products', [
    docOf('products', workspaceId, {
      accountId,
      title: 'Trail socks',
      priceMinor: 2_000,
      commissionRateBps: 1_000,
    }),
  ])

  browser = await launchChromium()
  contexts = [await browser.newContext(), await browser.newContext()]
  ;[editorPage, ownerPage] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page]
  await signIn(editorPage, editor.email)
  const ownerMe = await owner.api.auth.me.query()
  await signIn(ownerPage, ownerMe.user.email)
}, 180_000)

const dir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-publish-'))

afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function openPublish(page: Page) {
  await page.goto(`${baseUrl}/#/publish`)
  const switcher = page.getByRole('button', { name: /Workspace/ })
  if (await switcher.count()) {
    // Pick the agency in the sidebar's workspace switcher when it is not current yet.
    const current = await switcher.first().textContent()
    if (!current?.includes('Studio Agency')) {
      await switcher.first().click()
      await page.getByRole('option', { name: /Studio Agency/ }).click()
    }
  }
  await page.getByRole('heading', { name: 'Publish', level: 1 }).waitFor({ timeout: 30_000 })
}

describe('publishing', () => {
  it('the composer follows every posting-screen item; the editor submits for approval', async () => {
    await openPublish(editorPage)
    await editorPage.getByRole('heading', { name: 'No posts yet' }).waitFor({ timeout: 30_000 })
    await shoot(editorPage, 'publish-empty')
    await editorPage.getByRole('button', { name: 'New post' }).click()
    const composer = editorPage.getByRole('form', { name: 'Post composer' })
    // The creator's nickname from creator info.
    await composer
      .getByTestId('creator-nickname')
      .filter({ hasNotText: /Loading/ })
      .waitFor()
    // Privacy has no default; interactions are unchecked; commercial content is off.
    const privacy = composer.getByLabel('Who can see this post')
    expect(await privacy.inputValue()).toBe('')
    for (const name of ['Comment', 'Duet', 'Stitch'])
      expect(await composer.getByRole('checkbox', { name }).isChecked()).toBe(false)
    const commercial = composer.getByRole('switch', { name: 'Disclose commercial content' })
    expect(await commercial.isChecked()).toBe(false)
    await composer
      .getByTestId('consent-line')
      .filter({ hasText: 'Music Usage Confirmation' })
      .waitFor()

    // Commercial on, nothing ticked: publishing is blocked with the platform's words.
    await commercial.check()
    await composer
      .getByText('You need to indicate if your content promotes yourself, a third party, or both.')
      .first()
      .waitFor()
    await composer.getByRole('checkbox', { name: 'Branded content' }).check({ force: true })
    await composer.getByTestId('disclosure-label').filter({ hasText: 'Paid partnership' }).waitFor()
    await composer
      .getByTestId('consent-line')
      .filter({ hasText: 'Branded Content Policy' })
      .waitFor()
    // "Only me" is not available for branded content.
    expect(await privacy.locator('option', { hasText: 'Only me' }).isDisabled()).toBe(true)
    await composer.getByRole('checkbox', { name: 'Branded content' }).uncheck({ force: true })
    await composer.getByRole('checkbox', { name: 'Your brand' }).check({ force: true })
    await composer
      .getByTestId('disclosure-label')
      .filter({ hasText: 'Promotional content' })
      .waitFor()
    await commercial.uncheck()

    // Video, caption with live counts, privacy.
    await composer.getByLabel('Video').selectOption({ label: 'morning-run.mp4 · 1:15' })
    await composer.getByLabel('Caption').fill('Morning run #fitness with @coach')
    await composer.getByText('1 hashtag').waitFor()
    await composer.getByText('1 mention').waitFor()
    await composer.getByText('32 / 2,200').waitFor()
    await privacy.selectOption({ label: 'Everyone' })
    // An editor cannot publish before approval: the button says why.
    const publish = composer.getByRole('button', { name: 'Publish now' })
    expect(await publish.isDisabled()).toBe(true)
    await composer.getByTestId('publish-blocked').filter({ hasText: 'needs approval' }).waitFor()
    await shoot(editorPage, 'publish-composer')
    await composer.getByRole('button', { name: 'Submit for approval' }).click()
    await composer.getByText('Waiting for approval').first().waitFor()
  })

  it('the owner approves from the web mode; the editor sees it live and publishes; both see it published', async () => {
    await openPublish(ownerPage)
    await ownerPage.getByRole('button', { name: /Morning run/ }).click({ timeout: 30_000 })
    const composer = ownerPage.getByRole('form', { name: 'Post composer' })
    // A request for changes needs a comment.
    await composer.getByRole('button', { name: 'Request changes' }).click()
    await composer.getByRole('alert').filter({ hasText: 'Say what should change' }).waitFor()
    await composer.getByRole('button', { name: 'Approve' }).click()
    await composer.getByText('approved it').waitFor()

    const editorComposer = editorPage.getByRole('form', { name: 'Post composer' })
    await editorComposer.getByText('Approved', { exact: true }).waitFor({ timeout: 30_000 })
    await editorComposer.getByRole('button', { name: 'Publish now' }).click()
    // The server publishes with the platform's steps; each state reaches both members.
    await editorComposer
      .getByRole('progressbar')
      .or(editorComposer.getByText('Published'))
      .first()
      .waitFor({ timeout: 30_000 })
    await ownerPage
      .getByRole('form', { name: 'Post composer' })
      .getByRole('status')
      .filter({ hasText: 'Published' })
      .waitFor({ timeout: 60_000 })
    await editorComposer.getByRole('status').filter({ hasText: 'Published' }).waitFor()
    await shoot(ownerPage, 'publish-published')
  }, 120_000)

  it('a draft written offline reaches the other member once the network is back', async () => {
    await contexts[0]!.setOffline(true)
    await editorPage.getByRole('button', { name: 'New post' }).click()
    const composer = editorPage.getByRole('form', { name: 'Post composer' })
    await composer.getByLabel('Caption').fill('Written on the train')
    await contexts[0]!.setOffline(false)
    await ownerPage
      .getByRole('button', { name: /Written on the train/ })
      .waitFor({ timeout: 40_000 })
    await ownerPage.getByRole('tab', { name: 'Week' }).click()
    await shoot(ownerPage, 'publish-week')
    await ownerPage.getByRole('tab', { name: 'Month' }).click()
    await shoot(ownerPage, 'publish-month')
  }, 90_000)
})

describe('products on a post', () => {
  it('tags a catalogue product at a moment of the video, with its commission, and asks for disclosure', async () => {
    await editorPage.getByRole('button', { name: 'New post' }).click()
    const composer = editorPage.getByRole('form', { name: 'Post composer' })
    await composer.getByLabel('Caption').fill('Shoppable run')
    const products = composer.getByRole('group', { name: 'Products' })
    await products.getByText(/No products tagged/).waitFor()
    const picker = products.getByLabel('From the catalogue')
    const option = picker.locator('option', { hasText: 'Trail socks' })
    await option.waitFor({ state: 'attached' })
    await picker.selectOption((await option.getAttribute('value')) ?? '')
    await products
      .getByText(/Earns about (USD |\$)2\.00 per sale/)
      .first()
      .waitFor()
    await products.getByLabel('At (seconds)').fill('1:30')
    await products.getByRole('button', { name: 'Tag product' }).click()
    await products.getByRole('alert').filter({ hasText: 'Give the moment in seconds' }).waitFor()
    await products.getByLabel('At (seconds)').fill('3.5')
    await products.getByRole('button', { name: 'Tag product' }).click()
    const tagged = products.getByRole('list', { name: 'Tagged products' })
    await tagged.getByText(/^Trail socks · 3\.5 s · about (USD |\$)2\.00 a sale$/).waitFor()
    // A post with product tags must disclose commercial content: said under the disclosure.
    await composer.getByText(/This post has product tags: turn on/).waitFor()
    await shoot(editorPage, 'publish-products')
    let stored: Record<string, unknown> | undefined
    await expect
      .poll(
        async () => {
          const posts = await pullAll(owner.api, workspaceId, 'posts')
          stored = posts.find((d) => d['caption'] === 'Shoppable run')
          return (stored?.['productTags'] as { atMs: number }[] | undefined)?.map((t) => t.atMs)
        },
        { timeout: 30_000 },
      )
      .toEqual([3_500])
      .catch(async (error: Error) => {
        // What the server holds and what the page says of its sync: a slow push or a lost edit.
        const status = await syncStatus(editorPage).textContent()
        throw new Error(
          `${error.message}\non the server: ${JSON.stringify(stored)}; sync: ${status}`,
        )
      })
    await tagged.getByRole('button', { name: 'Remove Trail socks at 3.5 s' }).click()
    await products.getByText(/No products tagged/).waitFor()
  }, 90_000)
})

describe('the post video', () => {
  it('a file picked in the composer is checked against the platform, uploads with progress, and shows its cover frames', async () => {
    // 2 s at 15 fps, 320 px wide: three things the platform refuses, each said next to the field.
    const bad = path.join(dir, 'too-short.mp4')
    run('ffmpeg', [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=320x568:r=15:d=2'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', bad],
    ])
    const good = makePortraitClip(dir, 5, 'launch-day.mp4')
    await openPublish(ownerPage)
    await ownerPage.getByRole('button', { name: 'New post' }).click()
    const composer = ownerPage.getByRole('form', { name: 'Post composer' })
    const picker = composer.locator('input[type="file"]')
    await picker.setInputFiles(bad)
    const problems = composer.getByRole('alert').filter({ hasText: 'can’t be posted' })
    await problems.filter({ hasText: 'needs at least 3 s' }).waitFor({ timeout: 30_000 })
    await problems.filter({ hasText: '15 frames a second' }).waitFor()
    await problems.filter({ hasText: 'at least 360 pixels' }).waitFor()
    expect(await composer.getByLabel('Video').inputValue()).toBe('')

    await picker.setInputFiles(good)
    await problems.waitFor({ state: 'detached', timeout: 30_000 })
    await expect
      .poll(() => composer.getByLabel('Video').locator('option:checked').textContent(), {
        timeout: 30_000,
      })
      .toContain('launch-day.mp4')
    // The upload goes through the transfer queue and the post then points at the server's copy.
    await composer
      .getByText('The video is on the server, ready to post.')
      .waitFor({ timeout: 60_000 })

    // A quiet hint from the eligibility rules: this 180-follower account does not earn yet.
    await composer
      .getByTestId('rewards-hint')
      .filter({ hasText: 'not in Creator Rewards yet (followers' })
      .waitFor({ timeout: 30_000 })

    // The cover: the default frame 1 s in, shown; a filmstrip frame and Page Up move it.
    const slider = composer.getByRole('slider', { name: 'Cover frame' })
    expect(await slider.inputValue()).toBe('1000')
    await composer.getByTestId('cover-preview').waitFor({ timeout: 30_000 })
    const strip = composer.getByRole('group', { name: 'Frames' }).getByRole('button')
    await expect.poll(() => strip.count(), { timeout: 30_000 }).toBe(8)
    await strip.nth(4).click()
    expect(await slider.inputValue()).toBe('2800')
    expect(await strip.nth(4).getAttribute('aria-pressed')).toBe('true')
    await slider.focus()
    await ownerPage.keyboard.press('PageUp')
    await ownerPage.keyboard.press('ArrowRight')
    expect(await slider.inputValue()).toBe('3900')
    await composer.getByText('Cover frame: 0:03.9 of 0:05').waitFor()
    await composer.getByRole('img', { name: 'Cover frame at 0:03.9' }).waitFor({ timeout: 20_000 })
    await shoot(ownerPage, 'publish-cover')
  }, 150_000)

  it('the week view shades each day’s hours by the account’s best times, said in words too', async () => {
    await ownerPage.getByRole('tab', { name: 'Week' }).click()
    const summary = ownerPage.getByTestId('best-times')
    await expect
      .poll(() => summary.textContent(), { timeout: 30_000 })
      .toMatch(/^Best times to post \([A-Za-z_/]+\): (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:00/)
    // The best cell's weekday is in every week: its hour carries the darkest shade.
    expect(await ownerPage.locator('.calendar__hours .calendar__heat--4').count()).toBeGreaterThan(
      0,
    )
    await shoot(ownerPage, 'publish-week-best-times')
    await ownerPage.getByRole('tab', { name: 'List' }).click()
  })

  it('a scheduled post moves to another day by drag and back with Alt+arrow, keeping its time', async () => {
    await ownerPage.getByRole('tab', { name: 'Week' }).click()
    await ownerPage.getByRole('button', { name: 'New post' }).click()
    const composer = ownerPage.getByRole('form', { name: 'Post composer' })
    await composer.getByLabel('Caption').fill('Move me')
    await composer.getByRole('radio', { name: 'Schedule' }).check()
    const when = composer.getByLabel(/^Date and time/)
    await expect.poll(() => when.inputValue(), { timeout: 20_000 }).toMatch(/^\d{4}-/)
    const before = await when.inputValue()
    const shifted = (days: number) => {
      const [date, time] = before.split('T') as [string, string]
      return `${new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)}T${time}`
    }
    const cells = ownerPage.getByRole('gridcell')
    const post = ownerPage.locator('.calendar__post', { hasText: 'Move me' })
    await post.waitFor({ timeout: 20_000 })
    const from = await cells.evaluateAll((els) =>
      els.findIndex((e) => e.textContent?.includes('Move me')),
    )
    const to = from < 6 ? from + 1 : from - 1
    await post.dragTo(cells.nth(to))
    await expect.poll(() => when.inputValue(), { timeout: 20_000 }).toBe(shifted(to - from))
    await post.focus()
    await ownerPage.keyboard.press(to > from ? 'Alt+ArrowLeft' : 'Alt+ArrowRight')
    await expect.poll(() => when.inputValue(), { timeout: 20_000 }).toBe(before)
    await ownerPage.getByRole('tab', { name: 'List' }).click()
  })

  it('“Publish…” on a finished export opens the composer with the render attached and uploading', async () => {
    await ownerPage.goto(`${baseUrl}/#/editor`)
    await ownerPage.getByLabel('Title').fill('Launch teaser')
    await ownerPage.getByRole('button', { name: 'Create project' }).click()
    await ownerPage.getByRole('heading', { level: 2, name: 'Launch teaser' }).waitFor()
    const clip = makePortraitClip(dir, 4, 'teaser-source.mp4')
    const song = makeMusic(dir, 4, 'summer-hit.m4a')
    await ownerPage.locator('input[type="file"]').first().setInputFiles([clip, song])
    await ownerPage
      .getByRole('button', { name: 'Add clip: teaser-source.mp4' })
      .click({ timeout: 30_000 })
    // The song is licensed for personal use only, and said so once on the music file.
    await ownerPage
      .getByRole('button', { name: 'Set music: summer-hit.m4a' })
      .click({ timeout: 30_000 })
    // The music's block appears once the file is probed and placed: slow on a loaded machine.
    await ownerPage
      .getByRole('group', { name: 'Music track' })
      .getByRole('button')
      .first()
      .click({ timeout: 60_000 })
    await ownerPage.getByRole('button', { name: /Music licence/ }).click()
    await ownerPage.getByRole('option', { name: 'Personal use only' }).click()
    await expect
      .poll(() => ownerPage.getByRole('button', { name: /Music licence/ }).textContent(), {
        timeout: 30_000,
      })
      .toContain('Personal use only')
    await ownerPage.getByRole('button', { name: 'Export', exact: true }).click()
    await ownerPage.getByRole('button', { name: 'Export 9:16 MP4' }).click()
    await ownerPage.getByRole('button', { name: 'Publish…' }).click({ timeout: 120_000 })

    await ownerPage.getByRole('heading', { name: 'Publish', level: 1 }).waitFor({ timeout: 30_000 })
    const composer = ownerPage.getByRole('form', { name: 'Post composer' })
    await expect
      .poll(() => composer.getByLabel('Video').locator('option:checked').textContent(), {
        timeout: 30_000,
      })
      .toContain('Launch teaser.mp4')
    await composer
      .getByText('The video is on the server, ready to post.')
      .waitFor({ timeout: 60_000 })
    expect(await composer.getByRole('slider', { name: 'Cover frame' }).inputValue()).toBe('1000')
    await composer.getByTestId('cover-preview').waitFor({ timeout: 30_000 })
    // As a paid partnership, the personal-use song stops it, next to the disclosure.
    await composer.getByRole('switch', { name: 'Disclose commercial content' }).check()
    await composer.getByRole('checkbox', { name: 'Branded content' }).check({ force: true })
    await composer
      .getByText('The music in this video is licensed for personal use only', { exact: false })
      .waitFor({ timeout: 30_000 })
    await shoot(ownerPage, 'publish-from-export')
  }, 240_000)
})

describe('scheduled posts on the server’s test clock', () => {
  // A second server, on the manual test clock (never production), so a post scheduled for later
  // is published in seconds: the test moves the server's time, the page sees each state live.
  const clockToken = randomBytes(18).toString('hex')
  let clockServer: ServerProcess
  let clockData: string
  let page: Page

  beforeAll(async () => {
    clockData = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-publish-clock-'))
    clockServer = await startServerProcess({
      dataDir: clockData,
      env: { ...testClockEnv(clockToken), REELDESK_JOB_POLL_MS: '50' },
    })
  }, 60_000)

  afterAll(async () => {
    await clockServer?.kill()
    rmSync(clockData, { recursive: true, force: true })
  })

  it('a scheduled post is published by the sandbox when its time comes; posts over the platform’s limit say when they go out', async () => {
    const url = clockServer.url
    const clock = testClockClient(url, clockToken)
    const member = await signUpUser(url, 'Clock owner')
    const me = await member.api.auth.me.query()
    const space = (await member.api.workspaces.create.mutate({ name: 'Clock Studio' })).workspaceId
    const { accountId } = await member.api.platform.linkSandbox.mutate({
      workspaceId: space,
      size: 'new',
      seed: 5,
    })
    const video = randomBytes(300_000)
    const blobs = blobClient(url, member.token, space)
    const begun = await blobs.start(video, { collection: 'posts', accountId })
    const uploadId = (begun.body?.['upload'] as { uploadId: string }).uploadId
    await blobs.put(uploadId, 0, video)
    await blobs.complete(uploadId)
    // Seven posts due at the same minute: the platform starts six uploads a minute per account.
    const now = await clock.now()
    const due = now + 10 * 60_000
    const posts = Array.from({ length: 7 }, (_, i) =>
      docOf('posts', space, {
        accountId,
        caption: i === 0 ? 'Sunrise teaser' : `Batch clip ${i}`,
        hashtags: [],
        privacy: 'public',
        video: {
          fileName: 'clip.mp4',
          sizeBytes: video.length,
          durationMs: 20_000,
          width: 1080,
          height: 1920,
          sha256: sha256(video),
          ref: `sha256:${sha256(video)}`,
        },
        productTags: [],
        approval: { ...DRAFT_APPROVAL },
        scheduledAt: due,
        release: { by: member.userId, at: now },
      }),
    )
    await pushAll(member.api, space, 'posts', posts)

    const context = await browser.newContext()
    contexts.push(context)
    page = await context.newPage()
    await page.goto(url)
    await page.getByLabel('Email').fill(me.user.email)
    await page.getByLabel('Password').fill('a long enough password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { level: 1, name: 'Editor' }).waitFor({ timeout: 30_000 })
    await page.goto(`${url}/#/publish`)
    const switcher = page.getByRole('button', { name: /Workspace/ })
    if (!(await switcher.first().textContent())?.includes('Clock Studio')) {
      await switcher.first().click()
      await page.getByRole('option', { name: /Clock Studio/ }).click()
    }
    await page.getByRole('button', { name: /Sunrise teaser/ }).click({ timeout: 30_000 })
    const composer = page.getByRole('form', { name: 'Post composer' })
    await page
      .getByRole('button', { name: /Sunrise teaser.*Scheduled/ })
      .waitFor({ timeout: 30_000 })

    // Its time comes: the server's job starts the platform upload; the page sees it live.
    await clock.to(due)
    const list = page.getByRole('list', { name: 'Posts' })
    const waiting = list.getByRole('button', {
      name: /TikTok allows 6 new posts a minute per account — goes out at \d\d:\d\d/,
    })
    await waiting.waitFor({ timeout: 30_000 })
    await shoot(page, 'publish-rate-limit-wait')
    // The time shown is the server's slot for that post (its job's time), on this clock.
    const label = (await waiting.textContent()) ?? ''
    const pulled = await member.api.sync.pull.query({
      workspaceId: space,
      collection: 'posts',
      checkpoint: null,
      limit: 1000,
    })
    const slots = pulled.documents
      .map((d) => (d as { publish: { suggestedAt: number | null } }).publish.suggestedAt)
      .filter((t): t is number => t !== null)
    expect(slots.length).toBe(1)
    const hhmm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' })
    expect(label).toContain(`goes out at ${hhmm.format(slots[0]!)}`)
    expect(slots[0]! - due).toBeGreaterThanOrEqual(60_000)

    // The platform processes the upload (15 s of its time), then it is published: move the clock
    // on in steps until the page says so.
    await expect
      .poll(
        async () => {
          await clock.advance(5_000)
          return composer.getByRole('status').filter({ hasText: 'Published' }).count()
        },
        { timeout: 60_000, interval: 300 },
      )
      .toBeGreaterThan(0)
    await shoot(page, 'publish-on-test-clock')
    // The seventh goes out at its slot.
    await clock.to(slots[0]! + 30_000)
    await waiting.waitFor({ state: 'detached', timeout: 30_000 })
  }, 180_000)
})
