import { createHash, randomBytes } from 'node:crypto'
import { checkChunkPlan, chunkRange } from '../../../shared/platform/chunks'
import type { Database } from '../../db/connect'
import { toNumber } from '../../db/values'
import type { Clock } from '../../jobs/clock'
import type {
  AccountStats,
  CreatorInfo,
  History,
  LinkCredentials,
  PlatformConnector,
  PlatformVideo,
  PublishStatus,
  TokenSet,
} from '../connector'
import { PlatformError } from '../errors'
import type { PlatformEvent } from '../events'
import {
  DAY_MS,
  dayOf,
  dayOfIso,
  parseSandboxAccountId,
  sandboxAccountId,
  type SandboxIdentity,
} from './identity'
import { brandAnswers, supersededByReply, type SandboxReply } from './brand-answers'
import { Simulation, type PublishedVideo, type SimPost } from './simulation'

/** Privacy choices every sandbox creator offers (the platform's four values). */
const PRIVACY_OPTIONS = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
] as const
/** Time the simulated platform "moderates" an upload before the post appears. */
const PROCESSING_MS = 15_000
/** PLATFORM-FACTS: ~15 posts a day per creator; 5 pending inbox drafts per 24 h. */
const DAILY_POST_CAP = 15
const PENDING_DRAFT_CAP = 5
/** The most days one `events` call covers; callers read on with the cursor. */
const EVENT_PAGE_DAYS = 120
const PAGE_SIZE = 20
const PUBLISHED_TTL_MS = 2_000
const SANDBOX_SCOPES = ['user.info.basic', 'user.info.stats', 'video.list', 'video.publish']

/** New sandbox tokens: random, and checked by nobody (the sandbox has no accounts to protect). */
export function issueSandboxTokens(identity: SandboxIdentity, now: number): TokenSet {
  return {
    accessToken: `sbx.${randomBytes(24).toString('base64url')}`,
    refreshToken: `sbxr.${randomBytes(24).toString('base64url')}`,
    accessExpiresAt: now + DAY_MS,
    refreshExpiresAt: now + 365 * DAY_MS,
    scopes: SANDBOX_SCOPES,
    platformAccountId: sandboxAccountId(identity),
  }
}

function identityOf(link: { platformAccountId: string }): SandboxIdentity {
  const identity = parseSandboxAccountId(link.platformAccountId)
  if (!identity)
    throw new PlatformError('sandbox', 'invalid_params', 'this is not a sandbox account id')
  return identity
}

function postIdFor(publishId: string, at: number): string {
  const random = createHash('sha256').update(publishId).digest().readUInt32BE(0)
  return ((BigInt(Math.floor(at / 1000)) << 32n) | BigInt(random)).toString()
}

interface CachedSimulation {
  signature: string
  simulation: Simulation
}

/**
 * The sandbox platform: the PlatformConnector interface over a seeded Simulation. Its only
 * state is what was published through it (the sandbox_publishes table); everything else follows
 * from the account's seed and the clock, so the same seed and clock give the same data.
 */
export function createSandboxConnector(options: {
  database: Database
  clock: Clock
}): PlatformConnector {
  const { database, clock } = options
  const db = database.db
  // Simulations cache what they computed; one per account, rebuilt when a publish lands.
  const cache = new Map<string, CachedSimulation>()
  // What was published through the sandbox, re-read at most every PUBLISHED_TTL_MS (a publish
  // through another instance shows up that much later; one through this one at once).
  const publishedCache = new Map<string, { at: number; videos: PublishedVideo[] }>()

  const publishedOf = async (accountKey: string): Promise<PublishedVideo[]> => {
    const hit = publishedCache.get(accountKey)
    if (hit && Math.abs(clock.now() - hit.at) < PUBLISHED_TTL_MS) return hit.videos
    const videos = await readPublished(accountKey)
    if (publishedCache.size >= 1024) publishedCache.clear()
    publishedCache.set(accountKey, { at: clock.now(), videos })
    return videos
  }

  const readPublished = async (accountKey: string): Promise<PublishedVideo[]> => {
    const rows = await db
      .selectFrom('sandbox_publishes')
      .select(['publish_id', 'title', 'duration_sec', 'completed_at', 'post_id'])
      .where('account_key', '=', accountKey)
      .where('mode', '=', 'direct')
      .where('post_id', 'is not', null)
      .orderBy('publish_id')
      .execute()
    return rows.flatMap((r) =>
      r.post_id && r.completed_at !== null
        ? [
            {
              postId: r.post_id,
              createdAt: toNumber(r.completed_at) + PROCESSING_MS,
              title: r.title,
              durationSec: r.duration_sec,
            },
          ]
        : [],
    )
  }

  const simulationOf = async (link: { platformAccountId: string }): Promise<Simulation> => {
    const identity = identityOf(link)
    const published = await publishedOf(link.platformAccountId)
    const signature = published.map((p) => p.postId).join(',')
    const cached = cache.get(link.platformAccountId)
    if (cached && cached.signature === signature) return cached.simulation
    const simulation = new Simulation(identity, published)
    if (cache.size >= 256) cache.delete(cache.keys().next().value ?? '')
    cache.set(link.platformAccountId, { signature, simulation })
    return simulation
  }

  // The replies the team sent this account's brands, re-read at most every PUBLISHED_TTL_MS
  // like the published videos (an event poll runs far more often than replies are sent; one
  // sent through this instance is seen at once, through another within the TTL — brands answer
  // minutes to hours later: brand-answers.ts).
  const repliesCache = new Map<string, { at: number; replies: SandboxReply[] }>()
  const repliesOf = async (accountKey: string): Promise<SandboxReply[]> => {
    const hit = repliesCache.get(accountKey)
    if (hit && Math.abs(clock.now() - hit.at) < PUBLISHED_TTL_MS) return hit.replies
    const replies = await readReplies(accountKey)
    if (repliesCache.size >= 1024) repliesCache.clear()
    repliesCache.set(accountKey, { at: clock.now(), replies })
    return replies
  }

  const readReplies = async (accountKey: string): Promise<SandboxReply[]> => {
    const rows = await db
      .selectFrom('sandbox_deal_replies')
      .selectAll()
      .where('account_key', '=', accountKey)
      .execute()
    return rows.map((r) => ({
      replyId: r.reply_id,
      invitationId: r.invitation_id,
      kind: r.kind === 'offer' ? 'offer' : 'message',
      amountMinor: r.amount_minor === null ? null : toNumber(r.amount_minor),
      currency: r.currency,
      paymentTerms: r.payment_terms,
      body: r.body,
      sentAt: toNumber(r.sent_at),
    }))
  }

  const toVideo = (sim: Simulation, post: SimPost, now: number): PlatformVideo => ({
    id: post.id,
    createdAt: post.createdAt,
    title: post.title,
    durationSec: post.durationSec,
    coverUrl: null,
    shareUrl: `https://sandbox.reeldesk.invalid/@${sim.handle}/video/${post.id}`,
    counts: sim.countsAt(post, now),
  })

  const publishRow = async (link: LinkCredentials, publishId: string) => {
    const row = await db
      .selectFrom('sandbox_publishes')
      .selectAll()
      .where('account_key', '=', link.platformAccountId)
      .where('publish_id', '=', publishId)
      .executeTakeFirst()
    if (!row) throw new PlatformError('sandbox', 'invalid_params', `no upload ${publishId}`)
    return row
  }

  return {
    platform: 'sandbox',
    capabilities: { oauth: false, history: true, events: true, dealReplies: true, audited: true },

    authorizeUrl() {
      throw new Error('sandbox accounts are linked directly, without a sign-in page')
    },
    exchangeCode() {
      return Promise.reject(new Error('sandbox accounts are linked directly'))
    },
    refresh(tokens) {
      const identity = identityOf(tokens)
      return Promise.resolve(issueSandboxTokens(identity, clock.now()))
    },
    revoke() {
      return Promise.resolve()
    },

    async creatorInfo(link): Promise<CreatorInfo> {
      const sim = await simulationOf(link)
      const today = dayOf(clock.now()) * DAY_MS
      const postedToday = await db
        .selectFrom('sandbox_publishes')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('account_key', '=', link.platformAccountId)
        .where('mode', '=', 'direct')
        .where('created_at', '>=', today)
        .executeTakeFirstOrThrow()
      const blocked = toNumber(postedToday.n) >= DAILY_POST_CAP
      return {
        username: sim.handle,
        nickname: sim.nickname,
        avatarUrl: null,
        privacyLevelOptions: [...PRIVACY_OPTIONS],
        commentDisabled: false,
        duetDisabled: false,
        stitchDisabled: false,
        maxVideoPostDurationSec: 600,
        postingBlocked: blocked
          ? {
              code: 'spam_risk_too_many_posts',
              message: 'The user has reached the daily post limit.',
            }
          : null,
      }
    },

    async accountStats(link): Promise<AccountStats> {
      const sim = await simulationOf(link)
      const now = clock.now()
      const posts = sim.postsBefore(now)
      let likes = 0
      for (const post of posts) likes += sim.countsAt(post, now).likes
      return {
        username: sim.handle,
        displayName: sim.nickname,
        avatarUrl: null,
        followerCount: sim.followersAt(now),
        followingCount: 80 + (sim.identity.seed % 700),
        likesCount: likes,
        videoCount: posts.length,
      }
    },

    async listVideos(link, cursor) {
      const sim = await simulationOf(link)
      const now = clock.now()
      // Newest first; the cursor is the creation time (ms) of the last video handed out.
      const before = cursor === null ? now : Math.min(now, Number(cursor))
      const posts = sim.postsBefore(before).reverse()
      const page = posts.slice(0, PAGE_SIZE)
      const last = page[page.length - 1]
      return {
        videos: page.map((p) => toVideo(sim, p, now)),
        cursor: last ? String(last.createdAt) : null,
        hasMore: posts.length > PAGE_SIZE,
      }
    },

    async history(link, range): Promise<History> {
      const sim = await simulationOf(link)
      const now = clock.now()
      const from = Math.max(dayOfIso(range.from), sim.firstDay)
      // Only finished days: today's numbers are still moving.
      const to = Math.min(dayOfIso(range.to), dayOf(now))
      const account = []
      for (let day = from; day < to; day += 1) account.push(sim.accountDay(day))
      const videos = new Map<string, ReturnType<Simulation['postDays']>>()
      const lastOnly = range.videoDays === 'last'
      for (const post of sim.postsBefore(to * DAY_MS))
        videos.set(post.id, sim.postDays(post, lastOnly ? Math.max(from, to - 1) : from, to))
      return { account, videos }
    },

    async events(link, request) {
      const sim = await simulationOf(link)
      const start = request.cursor === null ? sim.firstDay * DAY_MS : Number(request.cursor)
      if (!Number.isFinite(start))
        throw new PlatformError('sandbox', 'invalid_params', 'the event cursor is not valid')
      const until = Math.min(request.until, clock.now(), start + EVENT_PAGE_DAYS * DAY_MS)
      const events: PlatformEvent[] = []
      if (until > start) {
        const replies = await repliesOf(link.platformAccountId)
        for (let day = dayOf(start); day <= dayOf(until - 1); day += 1) {
          for (const event of sim.eventsOfDay(day))
            if (
              event.occurredAt >= start &&
              event.occurredAt < until &&
              // A brand that got a counter-offer answers it instead of raising its own offer.
              !supersededByReply(event, replies)
            )
              events.push(event)
        }
        for (const event of brandAnswers(sim, replies))
          if (event.occurredAt >= start && event.occurredAt < until) events.push(event)
        events.sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1))
      }
      const cursor = String(Math.max(start, until))
      return { events, cursor, hasMore: until < Math.min(request.until, clock.now()) }
    },

    async initPublish(link, request) {
      const problem = checkChunkPlan(request.plan)
      if (problem) throw new PlatformError('sandbox', 'invalid_param', problem)
      const info = await this.creatorInfo(link)
      if (request.mode === 'direct') {
        if (info.postingBlocked)
          throw new PlatformError('sandbox', info.postingBlocked.code, info.postingBlocked.message)
        const privacy = request.post?.privacyLevel ?? ''
        if (!info.privacyLevelOptions.includes(privacy))
          throw new PlatformError(
            'sandbox',
            'privacy_level_option_mismatch',
            'privacy_level is not one of the options creator info returned',
          )
      } else {
        const pending = await db
          .selectFrom('sandbox_publishes')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('account_key', '=', link.platformAccountId)
          .where('mode', '=', 'inbox')
          .where('created_at', '>=', clock.now() - DAY_MS)
          .executeTakeFirstOrThrow()
        if (toNumber(pending.n) >= PENDING_DRAFT_CAP)
          throw new PlatformError(
            'sandbox',
            'spam_risk_too_many_pending_share',
            'The user has too many pending drafts.',
          )
      }
      const publishId = `sbx_pub.${randomBytes(12).toString('hex')}`
      const now = clock.now()
      await db
        .insertInto('sandbox_publishes')
        .values({
          account_key: link.platformAccountId,
          publish_id: publishId,
          mode: request.mode,
          title: request.post?.title ?? '',
          duration_sec: Math.max(1, Math.round(request.durationSec)),
          video_size: request.plan.videoSize,
          uploaded_bytes: 0,
          created_at: now,
          completed_at: null,
          post_id: null,
        })
        .execute()
      return {
        publishId,
        uploadUrl: `sandbox://upload/${publishId}`,
        uploadUrlExpiresAt: now + 3_600_000,
      }
    },

    async uploadChunk(link, chunk) {
      const publishId = chunk.uploadUrl.replace('sandbox://upload/', '')
      const row = await publishRow(link, publishId)
      const { start, end } = chunkRange(chunk.plan, chunk.index)
      const uploaded = toNumber(row.uploaded_bytes)
      const size = toNumber(row.video_size)
      if (
        chunk.plan.videoSize !== size ||
        start !== uploaded ||
        chunk.bytes.byteLength !== end - start
      )
        throw new PlatformError(
          'sandbox',
          'invalid_file_upload',
          `expected bytes ${uploaded}- of ${size}, got ${start}-${end - 1} (${chunk.bytes.byteLength} bytes)`,
        )
      const now = clock.now()
      const complete = end === size
      await db
        .updateTable('sandbox_publishes')
        .set({
          uploaded_bytes: end,
          completed_at: complete ? now : null,
          post_id:
            complete && row.mode === 'direct' ? postIdFor(publishId, now + PROCESSING_MS) : null,
        })
        .where('account_key', '=', link.platformAccountId)
        .where('publish_id', '=', publishId)
        .execute()
      if (complete) publishedCache.delete(link.platformAccountId)
      return { complete }
    },

    async publishStatus(link, publishId): Promise<PublishStatus> {
      const row = await publishRow(link, publishId)
      const uploadedBytes = toNumber(row.uploaded_bytes)
      const done =
        row.completed_at !== null && clock.now() >= toNumber(row.completed_at) + PROCESSING_MS
      if (!done)
        return { status: 'PROCESSING_UPLOAD', failReason: null, postIds: [], uploadedBytes }
      if (row.mode === 'inbox')
        return { status: 'SEND_TO_USER_INBOX', failReason: null, postIds: [], uploadedBytes }
      return {
        status: 'PUBLISH_COMPLETE',
        failReason: null,
        postIds: row.post_id ? [row.post_id] : [],
        uploadedBytes,
      }
    },

    async sendDealMessage(link, reply) {
      const sim = await simulationOf(link)
      const thread = sim.brandThread(reply.invitationId)
      if (!thread || thread.invitation.occurredAt > clock.now())
        throw new PlatformError(
          'sandbox',
          'invalid_params',
          'this account has no such brand invitation',
        )
      // Idempotent by reply id: a retried send delivers it once, at its first time.
      await db
        .insertInto('sandbox_deal_replies')
        .values({
          account_key: link.platformAccountId,
          reply_id: reply.replyId,
          invitation_id: reply.invitationId,
          kind: reply.offer ? 'offer' : 'message',
          amount_minor: reply.offer?.amountMinor ?? null,
          currency: reply.offer?.currency ?? null,
          payment_terms: reply.offer?.paymentTerms ?? null,
          body: reply.body,
          sent_at: clock.now(),
        })
        .onConflict((oc) => oc.columns(['account_key', 'reply_id']).doNothing())
        .execute()
      repliesCache.delete(link.platformAccountId)
      const row = await db
        .selectFrom('sandbox_deal_replies')
        .select(['sent_at'])
        .where('account_key', '=', link.platformAccountId)
        .where('reply_id', '=', reply.replyId)
        .executeTakeFirstOrThrow()
      return { sentAt: toNumber(row.sent_at) }
    },
  }
}
