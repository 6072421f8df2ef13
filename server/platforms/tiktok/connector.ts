import { contentRange, checkChunkPlan } from '../../../shared/platform/chunks'
import {
  TIKTOK_PUBLISH_STATUSES,
  TIKTOK_RATE_LIMITS,
  TIKTOK_SCOPES,
  TIKTOK_UPLOAD_RULES,
  type TikTokPublishStatus,
  type TikTokRateLimitName,
} from '../../../shared/platform/tiktok-facts'
import type { Clock } from '../../jobs/clock'
import type {
  AccountStats,
  CreatorInfo,
  LinkCredentials,
  PlatformConnector,
  PlatformVideo,
  PublishInit,
  PublishStatus,
  TokenSet,
} from '../connector'
import { NotOfferedByPlatform, PlatformError } from '../errors'
import { codeChallenge } from '../pkce'
import type { RateLimiter } from '../rate-limiter'
import { errorOf, send, type FetchLike, type HttpResult } from './http'

export interface TikTokConfig {
  clientKey: string
  clientSecret: string
  /** The API host (default https://open.tiktokapis.com); tests point it at the stand-in. */
  apiBaseUrl: string
  /** Where the user signs in (default https://www.tiktok.com). */
  authBaseUrl: string
  /** The app passed TikTok's audit (REELDESK_TIKTOK_APP_AUDITED); until then posts are "Only me". */
  audited?: boolean
  clock: Clock
  limiter: RateLimiter
  fetch?: FetchLike
}

export const TIKTOK_DEFAULT_API = 'https://open.tiktokapis.com'
export const TIKTOK_DEFAULT_AUTH = 'https://www.tiktok.com'

const USER_FIELDS = [
  'open_id',
  'avatar_url',
  'display_name',
  'username',
  'follower_count',
  'following_count',
  'likes_count',
  'video_count',
].join(',')
const VIDEO_FIELDS = [
  'id',
  'create_time',
  'cover_image_url',
  'share_url',
  'video_description',
  'duration',
  'title',
  'like_count',
  'comment_count',
  'share_count',
  'view_count',
].join(',')

type Json = Record<string, unknown>

function record(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PlatformError('tiktok', 'malformed_response', `${what} is missing from the answer`)
  return value as Json
}
const str = (v: unknown, fallback = ''): string =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback
const num = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0
const bool = (v: unknown): boolean => v === true

/**
 * A client of TikTok's documented v2 APIs: Login Kit (authorize, token, refresh, revoke), the
 * Content Posting API (creator info, FILE_UPLOAD init, chunk PUTs, status) and the Display API
 * (user info with stats, video list). Per-token limits are kept by the shared rate limiter;
 * TikTok has no feed of gifts, rewards, shop or brand events for third parties, so `events`
 * reports none and `history` starts at link time.
 */
export function createTikTokConnector(config: TikTokConfig): PlatformConnector {
  const fetchImpl: FetchLike = config.fetch ?? ((url, init) => fetch(url, init))
  const api = (path: string) => `${config.apiBaseUrl.replace(/\/$/, '')}${path}`
  const secrets = (link?: { accessToken: string }) =>
    link ? [link.accessToken, config.clientSecret] : [config.clientSecret]

  const limited = <T>(
    link: LinkCredentials,
    name: TikTokRateLimitName,
    request: () => Promise<T>,
  ): Promise<T> =>
    config.limiter.run(
      `tiktok:${link.platformAccountId}:${name}`,
      TIKTOK_RATE_LIMITS[name],
      request,
    )

  const postJson = (
    link: LinkCredentials,
    path: string,
    body: unknown,
    safeToRepeat: boolean,
  ): Promise<HttpResult> =>
    send(fetchImpl, config.clock, {
      method: 'POST',
      url: api(path),
      headers: {
        Authorization: `Bearer ${link.accessToken}`,
        'Content-Type': 'application/json; charset=UTF-8',
      },
      body: JSON.stringify(body),
      safeToRepeat,
      secrets: secrets(link),
    })

  const tokenRequest = async (form: Record<string, string>): Promise<TokenSet> => {
    const requestedAt = config.clock.now()
    const result = await send(fetchImpl, config.clock, {
      method: 'POST',
      url: api('/v2/oauth/token/'),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Cache-Control': 'no-cache',
      },
      body: new URLSearchParams({
        client_key: config.clientKey,
        client_secret: config.clientSecret,
        ...form,
      }).toString(),
      // A code is single-use and a refresh token rotates: a lost answer cannot be asked again.
      safeToRepeat: false,
      secrets: [config.clientSecret, ...Object.values(form).filter((v) => v.length >= 16)],
    })
    // Some answers wrap the token in `data` (newer pages), some do not (older ones).
    const outer = record(result.body, 'the token')
    const body =
      typeof outer['access_token'] === 'string' ? outer : record(outer['data'], 'the token')
    return {
      accessToken: str(body['access_token']),
      refreshToken: str(body['refresh_token']),
      // Measured from before the request: never later than the platform's own expiry.
      accessExpiresAt: requestedAt + num(body['expires_in']) * 1_000,
      refreshExpiresAt: requestedAt + num(body['refresh_expires_in']) * 1_000,
      scopes: str(body['scope'])
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      platformAccountId: str(body['open_id']),
    }
  }

  const toVideo = (raw: unknown): PlatformVideo => {
    const v = record(raw, 'a video')
    return {
      id: str(v['id']),
      createdAt: num(v['create_time']) * 1_000,
      title: str(v['title']) || str(v['video_description']),
      durationSec: num(v['duration']),
      coverUrl: typeof v['cover_image_url'] === 'string' ? v['cover_image_url'] : null,
      shareUrl: typeof v['share_url'] === 'string' ? v['share_url'] : null,
      counts: {
        views: num(v['view_count']),
        likes: num(v['like_count']),
        comments: num(v['comment_count']),
        shares: num(v['share_count']),
        saves: null,
        watchTimeMs: null,
      },
    }
  }

  return {
    platform: 'tiktok',
    capabilities: {
      oauth: true,
      history: false,
      events: false,
      dealReplies: false,
      audited: config.audited ?? false,
    },

    authorizeUrl({ state, codeVerifier, redirectUri, client }) {
      const url = new URL('/v2/auth/authorize/', config.authBaseUrl)
      url.search = new URLSearchParams({
        client_key: config.clientKey,
        // Comma-separated, as Login Kit documents.
        scope: TIKTOK_SCOPES.join(','),
        response_type: 'code',
        redirect_uri: redirectUri,
        state,
        code_challenge: codeChallenge(codeVerifier, client),
        code_challenge_method: 'S256',
      }).toString()
      return url.toString()
    },

    exchangeCode({ code, codeVerifier, redirectUri }) {
      return tokenRequest({
        code,
        grant_type: 'authorization_code',
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
      })
    },

    refresh(tokens) {
      return tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken })
    },

    async revoke(tokens) {
      await send(fetchImpl, config.clock, {
        method: 'POST',
        url: api('/v2/oauth/revoke/'),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_key: config.clientKey,
          client_secret: config.clientSecret,
          token: tokens.accessToken,
        }).toString(),
        safeToRepeat: true,
        secrets: [config.clientSecret, tokens.accessToken],
      })
    },

    creatorInfo(link) {
      return limited(link, 'creatorInfo', async (): Promise<CreatorInfo> => {
        // Spam-risk refusals come inside an HTTP 200 with the creator's data: an answer ("this
        // creator cannot post now"), not a failed call.
        const result = await send(fetchImpl, config.clock, {
          method: 'POST',
          url: api('/v2/post/publish/creator_info/query/'),
          headers: {
            Authorization: `Bearer ${link.accessToken}`,
            'Content-Type': 'application/json; charset=UTF-8',
          },
          body: '{}',
          safeToRepeat: true,
          secrets: secrets(link),
          acceptInBody: (code) => code.startsWith('spam_risk'),
        })
        let blocked: { code: string; message: string } | null = null
        const error = errorOf(result.body)
        if (error) blocked = { code: error.code, message: error.message }
        const data = record(record(result.body, 'the answer')['data'], 'creator info')
        return {
          username: str(data['creator_username']),
          nickname: str(data['creator_nickname']),
          avatarUrl:
            typeof data['creator_avatar_url'] === 'string' ? data['creator_avatar_url'] : null,
          privacyLevelOptions: Array.isArray(data['privacy_level_options'])
            ? data['privacy_level_options'].filter((o): o is string => typeof o === 'string')
            : [],
          commentDisabled: bool(data['comment_disabled']),
          duetDisabled: bool(data['duet_disabled']),
          stitchDisabled: bool(data['stitch_disabled']),
          maxVideoPostDurationSec: num(data['max_video_post_duration_sec']),
          postingBlocked: blocked,
        }
      })
    },

    accountStats(link) {
      return limited(link, 'display', async (): Promise<AccountStats> => {
        const result = await send(fetchImpl, config.clock, {
          method: 'GET',
          url: `${api('/v2/user/info/')}?fields=${USER_FIELDS}`,
          headers: { Authorization: `Bearer ${link.accessToken}` },
          safeToRepeat: true,
          secrets: secrets(link),
        })
        const data = record(record(result.body, 'the answer')['data'], 'user info')
        const user = record(data['user'], 'the user')
        return {
          username: str(user['username']),
          displayName: str(user['display_name']),
          avatarUrl: typeof user['avatar_url'] === 'string' ? user['avatar_url'] : null,
          followerCount: num(user['follower_count']),
          followingCount: num(user['following_count']),
          likesCount: num(user['likes_count']),
          videoCount: num(user['video_count']),
        }
      })
    },

    listVideos(link, cursor) {
      return limited(link, 'display', async () => {
        const body: Json = { max_count: 20 }
        if (cursor !== null) body['cursor'] = Number(cursor)
        const result = await send(fetchImpl, config.clock, {
          method: 'POST',
          url: `${api('/v2/video/list/')}?fields=${VIDEO_FIELDS}`,
          headers: {
            Authorization: `Bearer ${link.accessToken}`,
            'Content-Type': 'application/json; charset=UTF-8',
          },
          body: JSON.stringify(body),
          safeToRepeat: true,
          secrets: secrets(link),
        })
        const data = record(record(result.body, 'the answer')['data'], 'the video list')
        const videos = Array.isArray(data['videos']) ? data['videos'].map(toVideo) : []
        return {
          videos,
          cursor:
            data['cursor'] === undefined || data['cursor'] === null ? null : str(data['cursor']),
          hasMore: bool(data['has_more']),
        }
      })
    },

    history() {
      return Promise.reject(
        new Error('TikTok offers no history before the link; sync records it from now on'),
      )
    },

    events(_link, request) {
      return Promise.resolve({ events: [], cursor: request.cursor ?? '', hasMore: false })
    },

    initPublish(link, request): Promise<PublishInit> {
      const problem = checkChunkPlan(request.plan)
      if (problem) return Promise.reject(new PlatformError('tiktok', 'invalid_param', problem))
      const direct = request.mode === 'direct'
      return limited(link, direct ? 'directPostInit' : 'inboxInit', async () => {
        const sourceInfo = {
          source: 'FILE_UPLOAD',
          video_size: request.plan.videoSize,
          chunk_size: request.plan.chunkSize,
          total_chunk_count: request.plan.totalChunkCount,
        }
        const post = request.post
        const body = direct
          ? {
              post_info: post && {
                title: post.title,
                privacy_level: post.privacyLevel,
                disable_duet: post.disableDuet,
                disable_comment: post.disableComment,
                disable_stitch: post.disableStitch,
                video_cover_timestamp_ms: post.videoCoverTimestampMs,
                brand_content_toggle: post.brandContentToggle,
                brand_organic_toggle: post.brandOrganicToggle,
              },
              source_info: sourceInfo,
            }
          : { source_info: sourceInfo }
        const sentAt = config.clock.now()
        const path = direct ? '/v2/post/publish/video/init/' : '/v2/post/publish/inbox/video/init/'
        // Not repeated on a lost answer: a second init would be a second post.
        const result = await postJson(link, path, body, false)
        const data = record(record(result.body, 'the answer')['data'], 'the upload')
        return {
          publishId: str(data['publish_id']),
          uploadUrl: str(data['upload_url']),
          uploadUrlExpiresAt: sentAt + TIKTOK_UPLOAD_RULES.uploadUrlTtlMs,
        }
      })
    },

    async uploadChunk(link, chunk) {
      const result = await send(fetchImpl, config.clock, {
        method: 'PUT',
        url: chunk.uploadUrl,
        headers: {
          'Content-Type': chunk.contentType,
          'Content-Length': String(chunk.bytes.byteLength),
          'Content-Range': contentRange(chunk.plan, chunk.index),
        },
        // A copy on its own ArrayBuffer (the chunk may be a view into a larger buffer).
        body: new Uint8Array(chunk.bytes),
        safeToRepeat: false,
        secrets: secrets(link),
      })
      // 206 Partial Content until the last chunk, then 201 Created.
      return { complete: result.status === 201 }
    },

    publishStatus(link, publishId) {
      return limited(link, 'publishStatus', async (): Promise<PublishStatus> => {
        const result = await postJson(
          link,
          '/v2/post/publish/status/fetch/',
          { publish_id: publishId },
          true,
        )
        const data = record(record(result.body, 'the answer')['data'], 'the status')
        const status = str(data['status'])
        if (!(TIKTOK_PUBLISH_STATUSES as readonly string[]).includes(status))
          throw new PlatformError('tiktok', 'malformed_response', `unknown status ${status}`)
        // Spelled "publicaly" by the platform; the ids are 19-digit numbers kept as strings.
        const ids = data['publicaly_available_post_id']
        return {
          status: status as TikTokPublishStatus,
          failReason: typeof data['fail_reason'] === 'string' ? data['fail_reason'] : null,
          postIds: Array.isArray(ids) ? ids.map((id) => str(id)) : [],
          uploadedBytes: num(data['uploaded_bytes']),
        }
      })
    },

    sendDealMessage() {
      // PLATFORM-FACTS.md documents no Creator Marketplace conversation endpoint in TikTok's
      // public API (Content Posting, Login Kit, Display API only).
      return Promise.reject(
        new NotOfferedByPlatform(
          'tiktok',
          'Not offered by the platform’s public API — reply in TikTok Creator Marketplace.',
        ),
      )
    },
  }
}
