import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { chunkRange, planChunks, type ChunkPlan } from '../../../shared/platform/chunks'
import { SteppingClock } from '../../test-support/clocks'
import { openTestDatabase, type TestDatabase } from '../../test-support/test-database'
import { TikTokStandIn } from '../../test-support/tiktok-stand-in'
import type { LinkCredentials, PlatformConnector, PostInfo, TokenSet } from '../connector'
import { NotOfferedByPlatform, PlatformError } from '../errors'
import { newCodeVerifier, newState } from '../pkce'
import { createRateLimiter } from '../rate-limiter'
import { createTikTokConnector } from './connector'

const KEY = 'stand-in-client-key'
const SECRET = 'stand-in-client-secret-0123456789'
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0)
const MB = 1_000_000

let db: TestDatabase
let clock: SteppingClock
let standIn: TikTokStandIn
let tiktok: PlatformConnector
let tokens: TokenSet
let link: LinkCredentials

const post: PostInfo = {
  title: 'Morning routine #fyp',
  privacyLevel: 'SELF_ONLY',
  disableComment: false,
  disableDuet: false,
  disableStitch: true,
  videoCoverTimestampMs: 1000,
  brandContentToggle: false,
  brandOrganicToggle: false,
}

/** The browser part of the flow: follow the authorize URL to the redirect, read code + state. */
async function approve(authorizeUrl: string): Promise<URL> {
  const response = await fetch(authorizeUrl, { redirect: 'manual' })
  expect(response.status).toBe(302)
  return new URL(response.headers.get('location') ?? '')
}

async function linkAccount(client: 'desktop' | 'web'): Promise<TokenSet> {
  const state = newState()
  const codeVerifier = newCodeVerifier()
  const redirectUri =
    client === 'desktop'
      ? 'http://127.0.0.1:53682/callback'
      : 'https://studio.example/oauth-callback'
  const back = await approve(tiktok.authorizeUrl({ state, codeVerifier, redirectUri, client }))
  expect(back.searchParams.get('state')).toBe(state)
  return tiktok.exchangeCode({
    code: back.searchParams.get('code') ?? '',
    codeVerifier,
    redirectUri,
  })
}

async function caught(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof PlatformError) return error
    throw error
  }
  throw new Error('expected a PlatformError')
}

/** Uploads `bytes` by the plan, chunk by chunk; returns the publish id. */
async function upload(bytes: Buffer, plan: ChunkPlan, mode: 'direct' | 'inbox' = 'direct') {
  const init = await tiktok.initPublish(link, {
    mode,
    plan,
    post: mode === 'direct' ? post : null,
    durationSec: 30,
  })
  for (let i = 0; i < plan.totalChunkCount; i += 1) {
    const { start, end } = chunkRange(plan, i)
    const result = await tiktok.uploadChunk(link, {
      uploadUrl: init.uploadUrl,
      plan,
      index: i,
      bytes: bytes.subarray(start, end),
      contentType: 'video/mp4',
    })
    expect(result.complete).toBe(i === plan.totalChunkCount - 1)
  }
  return init.publishId
}

beforeAll(async () => {
  db = await openTestDatabase('sqlite')
  clock = new SteppingClock(T0)
  standIn = new TikTokStandIn({ clock, clientKey: KEY, clientSecret: SECRET })
  await standIn.start()
  tiktok = createTikTokConnector({
    clientKey: KEY,
    clientSecret: SECRET,
    apiBaseUrl: standIn.url,
    authBaseUrl: standIn.url,
    clock,
    limiter: createRateLimiter(db.database, clock),
  })
  tokens = await linkAccount('desktop')
  link = { accessToken: tokens.accessToken, platformAccountId: tokens.platformAccountId }
})

afterAll(async () => {
  await standIn.stop()
  await db.close()
})

beforeEach(() => {
  standIn.blockedCode = null
})

describe('TikTok client against the stand-in: linking', () => {
  it('links through authorize → code → token with PKCE (hex on desktop, base64url on the web)', async () => {
    expect(tokens).toMatchObject({
      platformAccountId: 'open-creator-1',
      scopes: expect.arrayContaining([
        'video.publish',
        'video.list',
        'user.info.stats',
      ]) as string[],
    })
    // Lifetimes from the answer, counted from when the request left (never after the platform's).
    expect(tokens.accessExpiresAt).toBe(T0 + 7_200_000)
    expect(tokens.refreshExpiresAt).toBe(T0 + 15_552_000_000)
    const web = await linkAccount('web')
    expect(web.accessToken).not.toBe(tokens.accessToken)
    const url = new URL(
      tiktok.authorizeUrl({
        state: 's'.repeat(20),
        codeVerifier: 'v'.repeat(64),
        redirectUri: 'http://127.0.0.1:1/cb',
        client: 'desktop',
      }),
    )
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update('v'.repeat(64)).digest('hex'),
    )
    expect(url.searchParams.get('scope')).toBe(
      'user.info.basic,user.info.stats,video.list,video.publish,video.upload',
    )
  })

  it('refuses a code exchanged with the wrong verifier, with the platform’s words', async () => {
    const state = newState()
    const redirectUri = 'http://127.0.0.1:53682/callback'
    const back = await approve(
      tiktok.authorizeUrl({
        state,
        codeVerifier: newCodeVerifier(),
        redirectUri,
        client: 'desktop',
      }),
    )
    const error = await caught(
      tiktok.exchangeCode({
        code: back.searchParams.get('code') ?? '',
        codeVerifier: newCodeVerifier(),
        redirectUri,
      }),
    )
    expect(error).toMatchObject({
      code: 'invalid_grant',
      platformMessage: 'Code verifier does not match the code challenge.',
      retryable: false,
      reconnect: true,
    })
    expect(error.message).toContain('Code verifier does not match the code challenge.')
  })

  it('refreshes (the refresh token rotates) and answers a spent refresh token with invalid_grant', async () => {
    const first = await linkAccount('desktop')
    const second = await tiktok.refresh(first)
    expect(second.accessToken).not.toBe(first.accessToken)
    expect(second.refreshToken).not.toBe(first.refreshToken)
    const info = await tiktok.creatorInfo(second)
    expect(info.username).toBe('creator.one')
    expect(await caught(tiktok.refresh(first))).toMatchObject({
      code: 'invalid_grant',
      reconnect: true,
    })
  })
})

describe('TikTok client: brand-deal replies', () => {
  it('says plainly that replies to brands are not in the public API', async () => {
    expect(tiktok.capabilities.dealReplies).toBe(false)
    const sent = tiktok.sendDealMessage(link, {
      invitationId: '1',
      replyId: '01950000-0000-7000-8000-000000000001',
      body: 'Hello',
      offer: null,
    })
    await expect(sent).rejects.toBeInstanceOf(NotOfferedByPlatform)
    await expect(sent).rejects.toThrow(/reply in TikTok Creator Marketplace/)
  })
})

describe('TikTok client against the stand-in: reads', () => {
  it('reads creator info, and a creator who cannot post (HTTP 200 with a spam error)', async () => {
    const info = await tiktok.creatorInfo(link)
    expect(info).toMatchObject({
      username: 'creator.one',
      nickname: 'Creator One',
      privacyLevelOptions: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      stitchDisabled: true,
      maxVideoPostDurationSec: 600,
      postingBlocked: null,
    })
    standIn.blockedCode = 'spam_risk_too_many_posts'
    const blocked = await tiktok.creatorInfo(link)
    expect(blocked.postingBlocked).toEqual({
      code: 'spam_risk_too_many_posts',
      message: 'Posting is not possible right now.',
    })
    expect(blocked.nickname).toBe('Creator One')
  })

  it('reads account stats and pages through every video, ids kept to the digit', async () => {
    const stats = await tiktok.accountStats(link)
    expect(stats).toMatchObject({ username: 'creator.one', followerCount: 12_345, videoCount: 45 })
    const ids: string[] = []
    let cursor: string | null = null
    for (let page = 0; page < 5; page += 1) {
      const result = await tiktok.listVideos(link, cursor)
      ids.push(...result.videos.map((v) => v.id))
      if (!result.hasMore) break
      cursor = result.cursor
    }
    const expected = standIn.users.get('open-creator-1')?.videos.map((v) => v.id)
    expect(ids).toEqual(expected)
    expect(ids.every((id) => /^\d{19}$/.test(id))).toBe(true)
    // JSON.parse would have rounded these: the client did not.
    expect(String(Number(ids[0]))).not.toBe(ids[0])
  })
})

describe('TikTok client against the stand-in: chunked upload and publishing', () => {
  it.each([
    ['under the 5 MB minimum: one chunk', 5 * 1024 * 1024 - 1],
    ['exactly one 10 MB chunk', 10 * MB],
    ['one chunk holding its remainder', 20 * MB - 1],
    ['two chunks on the boundary', 20 * MB],
    ['two chunks, the last one byte longer', 20 * MB + 1],
    ['seven chunks over 64 MB', 64 * MB + 5],
  ])('uploads a video %s (%i bytes) and publishes it', async (_name, size) => {
    const planned = planChunks(size)
    if (!planned.ok) throw new Error(planned.reason)
    const bytes = randomBytes(size)
    const publishId = await upload(bytes, planned.plan)
    const received = Buffer.concat(standIn.uploadedBytes.get(publishId) ?? [])
    expect(received.equals(bytes)).toBe(true)
    // Status: processing until the platform is done, then the 19-digit post id.
    const first = await tiktok.publishStatus(link, publishId)
    expect(first).toMatchObject({ status: 'PROCESSING_UPLOAD', postIds: [], uploadedBytes: size })
    clock.advance(standIn.processingMs)
    const done = await tiktok.publishStatus(link, publishId)
    const expectedId = standIn.uploads.get(publishId)?.postId
    expect(done).toMatchObject({ status: 'PUBLISH_COMPLETE', postIds: [expectedId] })
    expect(done.postIds[0]).toMatch(/^\d{19}$/)
  })

  it('sends an inbox draft (SEND_TO_USER_INBOX) and reports a failed publish with its reason', async () => {
    const plan = { videoSize: 1000, chunkSize: 1000, totalChunkCount: 1 }
    const draft = await upload(randomBytes(1000), plan, 'inbox')
    clock.advance(standIn.processingMs)
    expect(await tiktok.publishStatus(link, draft)).toMatchObject({ status: 'SEND_TO_USER_INBOX' })
    standIn.failNextPublish = 'file_format_check_failed'
    const failed = await upload(randomBytes(1000), plan)
    expect(await tiktok.publishStatus(link, failed)).toMatchObject({
      status: 'FAILED',
      failReason: 'file_format_check_failed',
    })
  })

  it('has an out-of-order or mis-sized chunk refused with invalid_file_upload', async () => {
    const plan = { videoSize: 20 * MB, chunkSize: 10 * MB, totalChunkCount: 2 }
    const init = await tiktok.initPublish(link, { mode: 'direct', plan, post, durationSec: 30 })
    const bytes = randomBytes(20 * MB)
    const error = await caught(
      tiktok.uploadChunk(link, {
        uploadUrl: init.uploadUrl,
        plan,
        index: 1,
        bytes: bytes.subarray(10 * MB),
        contentType: 'video/mp4',
      }),
    )
    expect(error).toMatchObject({ code: 'invalid_file_upload', httpStatus: 400, retryable: false })
    expect(error.platformMessage).toContain(`expected bytes 0-${10 * MB - 1}/${20 * MB}`)
  })

  it('refuses a privacy the creator does not offer (privacy_level_option_mismatch)', async () => {
    const plan = { videoSize: 1000, chunkSize: 1000, totalChunkCount: 1 }
    const error = await caught(
      tiktok.initPublish(link, {
        mode: 'direct',
        plan,
        post: { ...post, privacyLevel: 'FOLLOWER_OF_CREATOR' },
        durationSec: 10,
      }),
    )
    expect(error).toMatchObject({ code: 'privacy_level_option_mismatch', retryable: false })
    expect(error.message).toContain('not one this account offers')
  })

  it('answers the sixth pending inbox draft with spam_risk_too_many_pending_share', async () => {
    const plan = { videoSize: 1000, chunkSize: 1000, totalChunkCount: 1 }
    const inboxLink = link
    const before = [...standIn.uploads.values()].filter(
      (u) => u.mode === 'inbox' && u.openId === 'open-creator-1',
    ).length
    for (let i = before; i < 5; i += 1)
      await tiktok.initPublish(inboxLink, { mode: 'inbox', plan, post: null, durationSec: 10 })
    const error = await caught(
      tiktok.initPublish(inboxLink, { mode: 'inbox', plan, post: null, durationSec: 10 }),
    )
    expect(error).toMatchObject({ code: 'spam_risk_too_many_pending_share', httpStatus: 403 })
    expect(error.message).toContain('Five drafts are already waiting')
  })
})

describe('TikTok client against the stand-in: every documented error code', () => {
  const INIT = '/v2/post/publish/video/init/'
  const plan = { videoSize: 1000, chunkSize: 1000, totalChunkCount: 1 }
  const init = () => tiktok.initPublish(link, { mode: 'direct', plan, post, durationSec: 10 })

  it.each([
    ['access_token_invalid', 401, false],
    ['scope_not_authorized', 401, false],
    ['invalid_param', 400, false],
    ['invalid_params', 400, false],
    ['invalid_file_upload', 400, false],
    ['spam_risk_too_many_posts', 403, false],
    ['spam_risk_user_banned_from_posting', 403, false],
    ['privacy_level_option_mismatch', 400, false],
    ['unaudited_client_can_only_post_to_private_accounts', 403, false],
    ['reached_active_user_cap', 403, true],
    ['spam_risk_too_many_pending_share', 403, false],
    ['url_ownership_unverified', 403, false],
    ['internal_error', 500, true],
  ])('%s (HTTP %i): shown verbatim with a plain explanation', async (code, status, retryable) => {
    const message = `stand-in says ${code}`
    standIn.failNext(INIT, { status, code, message })
    const inits = standIn.log.filter((r) => r.path === INIT).length
    const error = await caught(init())
    expect(error).toMatchObject({ code, platformMessage: message, httpStatus: status, retryable })
    expect(error.message).toContain(`${code}: ${message}`)
    expect(error.message.length).toBeGreaterThan(code.length + message.length + 20)
    // An init is never sent twice on its own: a second init could be a second post.
    expect(standIn.log.filter((r) => r.path === INIT).length).toBe(inits + 1)
  })

  it('repeats a read after the platform’s own failure (safe), and succeeds', async () => {
    standIn.failNext('/v2/user/info/', { status: 500, code: 'internal_error', message: 'oops' })
    const stats = await tiktok.accountStats(link)
    expect(stats.followerCount).toBe(12_345)
  })

  it('waits out a 429 rate_limit_exceeded and sends the request again', async () => {
    standIn.failNext(INIT, { status: 429, code: 'rate_limit_exceeded', message: 'slow down' })
    const before = clock.now()
    const result = await init()
    expect(result.publishId).toMatch(/^v_pub_file/)
    expect(clock.now() - before).toBeGreaterThanOrEqual(60_000)
  })

  it('keeps every token out of its errors, even when the platform echoes one', async () => {
    standIn.failNext(INIT, {
      status: 400,
      code: 'invalid_param',
      message: `bad token ${link.accessToken} and secret ${SECRET}`,
    })
    const error = await caught(init())
    expect(error.message).not.toContain(link.accessToken)
    expect(error.message).not.toContain(SECRET)
    expect(error.platformMessage).toContain('[redacted]')
  })

  it('never sends more requests than a token’s limits allow: it queues instead', async () => {
    const start = clock.now()
    for (let i = 0; i < 45; i += 1) await tiktok.creatorInfo(link)
    const log = standIn.log.filter(
      (r) => r.group === 'creatorInfo' && r.openId === 'open-creator-1' && r.at >= start,
    )
    expect(log.every((r) => r.status !== 429)).toBe(true)
    expect(log).toHaveLength(45)
    // 45 calls at 20 a minute need more than two minutes.
    expect(clock.now() - start).toBeGreaterThanOrEqual(2 * 60_000)
    for (const r of log)
      expect(
        standIn.countIn('creatorInfo', 'open-creator-1', r.at - 60_000, r.at),
      ).toBeLessThanOrEqual(20)
  })
})
