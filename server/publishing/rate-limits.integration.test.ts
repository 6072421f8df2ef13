import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRAFT_APPROVAL, type PostDoc } from '../../shared/data/collections/posts'
import { TIKTOK_RATE_LIMITS } from '../../shared/platform/tiktok-facts'
import { RATE_LIMIT_WAIT_CODE } from '../../shared/publishing/post-status'
import { openSqlite } from '../db/connect'
import { TEST_CLOCK_PATH, TEST_CLOCK_TOKEN_HEADER } from '../http/test-clock-route'
import { createAgency, docOf, pushAll, type Agency } from '../test-support/agency'
import { blobClient, sha256 } from '../test-support/blob-client'
import { startServerProcess, type ServerProcess } from '../test-support/server-process'
import { testClockClient, testClockEnv } from '../test-support/test-clock'

/**
 * The server's test clock and the platform's init limit, through a real server process (SQLite:
 * the limiter's slots are plain rows, tested on PostgreSQL by the rate-limiter tests; one backend
 * keeps this simulated quarter hour lean).
 */
const TOKEN = randomBytes(18).toString('hex')
const LIMIT = TIKTOK_RATE_LIMITS.directPostInit

describe('the server test clock', () => {
  it('is refused in production: the server does not start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-clock-prod-'))
    try {
      await expect(
        startServerProcess({
          dataDir,
          env: { ...testClockEnv(TOKEN), NODE_ENV: 'production' },
        }),
      ).rejects.toThrow(
        /REELDESK_TEST_CLOCK is a test hook and is refused when NODE_ENV is production/,
      )
      await expect(
        startServerProcess({
          dataDir,
          env: { NODE_ENV: 'test', REELDESK_TEST_CLOCK: '1' },
        }),
      ).rejects.toThrow(/REELDESK_TEST_CLOCK needs REELDESK_TEST_CLOCK_TOKEN/)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('100 posts due at once for one account, on the test clock', () => {
  let dataDir: string
  let server: ServerProcess
  let agency: Agency
  let accountId: string
  let ref: string
  const video = randomBytes(300_000)

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'reeldesk-rate-'))
    server = await startServerProcess({
      dataDir,
      env: { ...testClockEnv(TOKEN), REELDESK_JOB_POLL_MS: '50', REELDESK_JOB_CONCURRENCY: '8' },
    })
    agency = await createAgency(server.url)
    accountId = (
      await agency.owner.api.platform.linkSandbox.mutate({
        workspaceId: agency.workspaceId,
        size: 'new',
        seed: 11,
      })
    ).accountId
    const blobs = blobClient(server.url, agency.owner.token, agency.workspaceId)
    const started = await blobs.start(video, { collection: 'posts', accountId })
    const uploadId = (started.body?.['upload'] as { uploadId: string }).uploadId
    expect((await blobs.put(uploadId, 0, video)).status).toBe(200)
    expect((await blobs.complete(uploadId)).status).toBe(200)
    ref = `sha256:${sha256(video)}`
  })

  afterAll(async () => {
    await server?.kill()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('its route refuses a caller without the token, or with a wrong one, and moves only forward', async () => {
    const url = `${server.url}${TEST_CLOCK_PATH}`
    expect((await fetch(url)).status).toBe(401)
    expect(
      (await fetch(url, { headers: { [TEST_CLOCK_TOKEN_HEADER]: 'x'.repeat(36) } })).status,
    ).toBe(401)
    const advance = (body: unknown, token = TOKEN) =>
      fetch(url, {
        method: 'POST',
        headers: { [TEST_CLOCK_TOKEN_HEADER]: token, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await advance({ advanceMs: 1000 }, 'wrong-token-wrong-token')).status).toBe(401)
    expect((await advance({ advanceMs: -5 })).status).toBe(400)
    expect((await advance({ advanceMs: 5, extra: 1 })).status).toBe(400)
    const clock = testClockClient(server.url, TOKEN)
    const before = await clock.now()
    // The clock stands still on its own…
    await new Promise((r) => setTimeout(r, 300))
    expect(await clock.now()).toBe(before)
    // …and moves when told (never back).
    expect(await clock.advance(1_000)).toBe(before + 1_000)
    expect(await clock.to(before)).toBe(before + 1_000)
  })

  it('never starts more than the platform allows a minute, starts each once, and says when each goes out', async () => {
    const clock = testClockClient(server.url, TOKEN)
    const t0 = await clock.now()
    const due = t0 + 1_000
    const posts: PostDoc[] = Array.from({ length: 100 }, (_, i) =>
      docOf('posts', agency.workspaceId, {
        accountId,
        caption: `rate post ${String(i).padStart(3, '0')}`,
        hashtags: [],
        privacy: 'public',
        video: {
          fileName: 'clip.mp4',
          sizeBytes: video.length,
          durationMs: 20_000,
          width: 1080,
          height: 1920,
          sha256: sha256(video),
          ref,
        },
        productTags: [],
        approval: { ...DRAFT_APPROVAL },
        scheduledAt: due,
        release: { by: agency.owner.userId, at: t0 },
      }),
    )
    await pushAll(agency.owner.api, agency.workspaceId, 'posts', posts)
    const read = async () => {
      const page = await agency.owner.api.sync.pull.query({
        workspaceId: agency.workspaceId,
        collection: 'posts',
        checkpoint: null,
        limit: 1000,
      })
      // This test's posts only (the sandbox account's own history is in the workspace too).
      const mine = new Set(posts.map((p) => p.id))
      return new Map(
        page.documents
          .filter((d) => mine.has(d['id'] as string))
          .map((d) => [d['id'] as string, d as unknown as PostDoc]),
      )
    }
    const waits = new Map<string, number>()
    let finished = 0
    // 100 posts at 6 a minute: seventeen simulated minutes and more, in 5-second steps, giving the server a moment of real time per step.
    for (let at = due; at <= due + 20 * 60_000 && finished < posts.length; at += 5_000) {
      await clock.to(at)
      await new Promise((r) => setTimeout(r, 120))
      const now = await read()
      finished = 0
      for (const p of now.values()) {
        if (p.publish.state === 'published' || p.publish.state === 'failed') finished += 1
        if (p.publish.state === 'queued' && p.publish.code === RATE_LIMIT_WAIT_CODE)
          waits.set(p.id, p.publish.suggestedAt ?? 0)
      }
    }
    // Let the last polls land.
    for (let i = 0; i < 100 && finished < posts.length; i += 1) {
      await clock.advance(5_000)
      await new Promise((r) => setTimeout(r, 150))
      finished = [...(await read()).values()].filter(
        (p) => p.publish.state === 'published' || p.publish.state === 'failed',
      ).length
    }
    const final = await read()
    const states = posts.map((p) => final.get(p.id)?.publish)
    const unfinished = states.filter((s) => s?.state !== 'published' && s?.state !== 'failed')
    expect(unfinished, `at ${(await clock.now()) - due} ms after due`).toEqual([])

    // What the platform received: the uploads it was asked to start, with their times.
    const database = openSqlite(dataDir)
    const inits = await database.db
      .selectFrom('sandbox_publishes')
      .select(['title', 'created_at'])
      .where('title', 'like', 'rate post %')
      .orderBy('created_at')
      .execute()
    await database.close()
    const times = inits.map((r) => Number(r.created_at))
    for (let i = 0; i < times.length; i += 1) {
      const inWindow = times.filter((t) => t >= times[i]! && t < times[i]! + LIMIT.windowMs)
      expect(inWindow.length).toBeLessThanOrEqual(LIMIT.limit)
    }
    // The first six went out at once; the seventh waited for the window.
    expect(times.slice(0, LIMIT.limit).every((t) => t < due + 5_000)).toBe(true)
    expect(times[LIMIT.limit]).toBeGreaterThanOrEqual(times[0]! + LIMIT.windowMs)
    // Each post's upload was started once.
    const titles = inits.map((r) => r.title)
    expect(new Set(titles).size).toBe(titles.length)
    // The platform's daily cap (the sandbox's 15) stopped the rest, each with its reason.
    const published = states.filter((s) => s?.state === 'published').length
    expect(published).toBe(times.length)
    expect(published).toBeGreaterThanOrEqual(LIMIT.limit * 2)
    // (Our own daily-cap check, or the platform's refusal when it was counted first.)
    for (const s of states.filter((s) => s?.state === 'failed'))
      expect(['posting_blocked', 'spam_risk_too_many_posts']).toContain(s?.code)
    // Posts that waited said when they would go out, and that time was their job's time.
    expect(waits.size).toBeGreaterThan(50)
    // The seventh went out at the time it showed (within one 5-second step of the clock).
    const seventhId = posts.find((p) => p.caption === inits[LIMIT.limit]?.title)?.id ?? ''
    const shown = waits.get(seventhId) ?? 0
    expect(times[LIMIT.limit]).toBeGreaterThanOrEqual(shown)
    expect(times[LIMIT.limit]! - shown).toBeLessThan(5_000)
  }, 300_000)
})
