import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkChunkPlan } from '../../shared/platform/chunks'
import {
  TIKTOK_RATE_LIMITS,
  TIKTOK_UPLOAD_RULES,
  type TikTokRateLimitName,
} from '../../shared/platform/tiktok-facts'
import type { Clock } from '../jobs/clock'

/**
 * TEST EQUIPMENT, never shipped: a local stand-in for TikTok's documented v2 endpoints, so the
 * real client can be tested end to end without the network. It follows the documented flow and
 * rules (PLATFORM-FACTS): Login Kit authorize → code → token (PKCE verified: the desktop hex
 * SHA-256 or the web base64url form), rotating refresh tokens, revoke; creator info
 * (spam refusals inside HTTP 200); direct and inbox FILE_UPLOAD init with the chunk rules;
 * sequential chunk PUTs with Content-Range (206, then 201); status polling through
 * PROCESSING_UPLOAD to PUBLISH_COMPLETE with a 19-digit post id written as a bare JSON number;
 * Display API user info and video list; per-token rate limits answered with 429
 * rate_limit_exceeded; and any documented error code injected on demand.
 */
export interface StandInUser {
  openId: string
  username: string
  displayName: string
  followers: number
  following: number
  likes: number
  privacyOptions: string[]
  videos: { id: string; createTime: number; title: string; duration: number; views: number }[]
}

interface Grant {
  openId: string
  challenge: string
  redirectUri: string
  scopes: string[]
  used: boolean
}

interface Token {
  openId: string
  scopes: string[]
  expiresAt: number
  revoked: boolean
}

interface Upload {
  publishId: string
  openId: string
  mode: 'direct' | 'inbox'
  videoSize: number
  chunkSize: number
  totalChunks: number
  received: number
  nextChunk: number
  createdAt: number
  completedAt: number | null
  postId: string | null
  failReason: string | null
}

export interface InjectedFailure {
  status: number
  code: string
  message: string
}

export interface LoggedRequest {
  at: number
  path: string
  /** The rate-limit group the request counted in, if any. */
  group: TikTokRateLimitName | null
  openId: string | null
  status: number
}

const ACCESS_TTL_S = 7_200
const REFRESH_TTL_S = 15_552_000

function hex(value: string): string {
  return createHash('sha256').update(value, 'ascii').digest('hex')
}
function b64url(value: string): string {
  return createHash('sha256').update(value, 'ascii').digest('base64url')
}

export class TikTokStandIn {
  readonly users = new Map<string, StandInUser>()
  readonly log: LoggedRequest[] = []
  readonly uploads = new Map<string, Upload>()
  /** Bytes received per upload, to check the file arrived whole and in order. */
  readonly uploadedBytes = new Map<string, Buffer[]>()
  private readonly grants = new Map<string, Grant>()
  private readonly tokens = new Map<string, Token>()
  private readonly refreshTokens = new Map<string, Token>()
  private readonly failures: { path: string; failure: InjectedFailure }[] = []
  private readonly windows = new Map<string, number[]>()
  private server: Server | null = null
  /** Creator info answers "cannot post" with this code (inside HTTP 200). */
  blockedCode: string | null = null
  /** The next upload's status ends FAILED with this reason instead of publishing. */
  failNextPublish: string | null = null
  /** How long an upload "processes" before it is published. */
  processingMs = 20_000
  url = ''

  constructor(private readonly options: { clock: Clock; clientKey: string; clientSecret: string }) {
    this.addUser({ openId: 'open-creator-1', username: 'creator.one', displayName: 'Creator One' })
  }

  addUser(input: Partial<StandInUser> & { openId: string; username: string }): StandInUser {
    const now = this.options.clock.now()
    const user: StandInUser = {
      displayName: input.username,
      followers: 12_345,
      following: 210,
      likes: 456_789,
      privacyOptions: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      videos: Array.from({ length: 45 }, (_, i) => ({
        // Real-looking 19-digit ids: creation second in the high bits.
        id: (
          (BigInt(Math.floor((now - i * 86_400_000) / 1000)) << 32n) |
          BigInt(Math.imul(0x9e3779b1, i + 1) >>> 0)
        ).toString(),
        createTime: Math.floor((now - i * 86_400_000) / 1000),
        title: `Video ${i + 1} #fyp`,
        duration: 15 + i,
        views: 1000 * (i + 1),
      })),
      ...input,
    }
    this.users.set(user.openId, user)
    return user
  }

  /** The next request to `path` fails like this (once). */
  failNext(path: string, failure: InjectedFailure): void {
    this.failures.push({ path, failure })
  }

  /** The user revoked the app in TikTok's settings: every token stops working. */
  revokeUser(openId: string): void {
    for (const t of [...this.tokens.values(), ...this.refreshTokens.values()])
      if (t.openId === openId) t.revoked = true
  }

  /** Every access and refresh token ever issued (for "never leaks" checks). */
  issuedTokens(): string[] {
    return [...this.tokens.keys(), ...this.refreshTokens.keys()]
  }

  /** Simulates the access token expiring early (the platform's clock, not ours). */
  expireAccessTokens(openId: string): void {
    for (const t of this.tokens.values()) if (t.openId === openId) t.expiresAt = 0
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ error: { code: 'internal_error', message: String(error) } }))
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    const { port } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve()
      this.server.closeAllConnections()
      this.server.close(() => resolve())
    })
  }

  /** Requests in a rate-limit group for one user, at or after `since`. */
  countIn(group: TikTokRateLimitName, openId: string, since: number, until: number): number {
    return this.log.filter(
      (r) => r.group === group && r.openId === openId && r.at > since && r.at <= until,
    ).length
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const body = await readBody(req)
    const path = url.pathname
    const send = (
      status: number,
      payload: string | object,
      group: TikTokRateLimitName | null,
      openId: string | null,
      headers: Record<string, string> = {},
    ) => {
      this.log.push({ at: this.options.clock.now(), path, group, openId, status })
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload))
    }
    const fail = (
      status: number,
      code: string,
      message: string,
      group: TikTokRateLimitName | null = null,
      openId: string | null = null,
    ) =>
      send(
        status,
        { error: { code, message, log_id: `log-${randomBytes(4).toString('hex')}` } },
        group,
        openId,
      )

    const injected = this.failures.findIndex((f) => f.path === path)
    if (injected >= 0) {
      const [entry] = this.failures.splice(injected, 1)
      if (entry) return fail(entry.failure.status, entry.failure.code, entry.failure.message)
    }

    if (path === '/v2/auth/authorize/') return this.authorize(url, res)
    if (path === '/v2/oauth/token/')
      return this.token(new URLSearchParams(body.toString()), send, fail)
    if (path === '/v2/oauth/revoke/') {
      const form = new URLSearchParams(body.toString())
      const token = this.tokens.get(form.get('token') ?? '')
      if (form.get('client_secret') !== this.options.clientSecret)
        return fail(401, 'invalid_client', 'client_secret is wrong')
      if (token) this.revokeUser(token.openId)
      return send(200, {}, null, token?.openId ?? null)
    }
    if (path.startsWith('/upload/'))
      return this.upload(path.slice('/upload/'.length), req, body, send, fail)

    const groups: Record<string, { group: TikTokRateLimitName; scope: string }> = {
      '/v2/post/publish/creator_info/query/': { group: 'creatorInfo', scope: 'video.publish' },
      '/v2/post/publish/video/init/': { group: 'directPostInit', scope: 'video.publish' },
      '/v2/post/publish/inbox/video/init/': { group: 'inboxInit', scope: 'video.upload' },
      '/v2/post/publish/status/fetch/': { group: 'publishStatus', scope: 'video.publish' },
      '/v2/user/info/': { group: 'display', scope: 'user.info.basic' },
      '/v2/video/list/': { group: 'display', scope: 'video.list' },
    }
    const route = groups[path]
    if (!route) return fail(404, 'not_found', `no endpoint ${path}`)
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
    const token = this.tokens.get(bearer)
    const now = this.options.clock.now()
    if (!token || token.revoked || token.expiresAt <= now)
      return fail(
        401,
        'access_token_invalid',
        'The access token is invalid or not found in the request.',
        route.group,
      )
    if (!token.scopes.includes(route.scope))
      return fail(
        401,
        'scope_not_authorized',
        `The user did not authorize the scope required for completing this request.`,
        route.group,
        token.openId,
      )
    // Per-token sliding windows, measured on the same clock as everything else.
    const windowKey = `${bearer}:${route.group}`
    const limit = TIKTOK_RATE_LIMITS[route.group]
    const recent = (this.windows.get(windowKey) ?? []).filter((t) => t > now - limit.windowMs)
    if (recent.length >= limit.limit) {
      this.windows.set(windowKey, recent)
      return fail(
        429,
        'rate_limit_exceeded',
        'The API rate limit was exceeded. Please try again later.',
        route.group,
        token.openId,
      )
    }
    this.windows.set(windowKey, [...recent, now])
    const user = this.users.get(token.openId)
    if (!user) return fail(401, 'access_token_invalid', 'unknown user', route.group)
    const ok = (data: object) =>
      send(
        200,
        { data, error: { code: 'ok', message: '', log_id: 'log-ok' } },
        route.group,
        user.openId,
      )
    const json = (): Record<string, unknown> => {
      try {
        return JSON.parse(body.toString() || '{}') as Record<string, unknown>
      } catch {
        return {}
      }
    }

    switch (path) {
      case '/v2/post/publish/creator_info/query/': {
        const data = {
          creator_avatar_url: `https://p16.stand-in.invalid/${user.openId}.jpeg`,
          creator_username: user.username,
          creator_nickname: user.displayName,
          privacy_level_options: user.privacyOptions,
          comment_disabled: false,
          duet_disabled: false,
          stitch_disabled: true,
          max_video_post_duration_sec: 600,
        }
        if (this.blockedCode)
          return send(
            200,
            {
              data,
              error: {
                code: this.blockedCode,
                message: 'Posting is not possible right now.',
                log_id: 'log-b',
              },
            },
            route.group,
            user.openId,
          )
        return ok(data)
      }
      case '/v2/post/publish/video/init/':
      case '/v2/post/publish/inbox/video/init/': {
        const direct = path === '/v2/post/publish/video/init/'
        const input = json()
        const source = (input['source_info'] ?? {}) as Record<string, unknown>
        if (source['source'] !== 'FILE_UPLOAD')
          return fail(
            400,
            'invalid_param',
            'source_info.source must be FILE_UPLOAD here',
            route.group,
            user.openId,
          )
        const plan = {
          videoSize: Number(source['video_size']),
          chunkSize: Number(source['chunk_size']),
          totalChunkCount: Number(source['total_chunk_count']),
        }
        const problem = checkChunkPlan(plan)
        if (problem) return fail(400, 'invalid_param', problem, route.group, user.openId)
        if (direct) {
          const info = (input['post_info'] ?? {}) as Record<string, unknown>
          if (!user.privacyOptions.includes(String(info['privacy_level'])))
            return fail(
              400,
              'privacy_level_option_mismatch',
              'privacy_level is not in privacy_level_options',
              route.group,
              user.openId,
            )
          if (typeof info['title'] === 'string' && [...info['title']].length > 2200)
            return fail(
              400,
              'invalid_param',
              'title is longer than 2200 characters',
              route.group,
              user.openId,
            )
        } else {
          const pending = [...this.uploads.values()].filter(
            (u) => u.openId === user.openId && u.mode === 'inbox' && u.createdAt > now - 86_400_000,
          )
          if (pending.length >= 5)
            return fail(
              403,
              'spam_risk_too_many_pending_share',
              'The user has 5 pending shares in the last 24 hours.',
              route.group,
              user.openId,
            )
        }
        const publishId = `v_pub_file~v2-1.${randomBytes(8).toString('hex')}`
        this.uploads.set(publishId, {
          publishId,
          openId: user.openId,
          mode: direct ? 'direct' : 'inbox',
          videoSize: plan.videoSize,
          chunkSize: plan.chunkSize,
          totalChunks: plan.totalChunkCount,
          received: 0,
          nextChunk: 0,
          createdAt: now,
          completedAt: null,
          postId: null,
          failReason: null,
        })
        this.uploadedBytes.set(publishId, [])
        return ok({
          publish_id: publishId,
          upload_url: `${this.url}/upload/${encodeURIComponent(publishId)}`,
        })
      }
      case '/v2/post/publish/status/fetch/': {
        const upload = this.uploads.get(String(json()['publish_id']))
        if (!upload || upload.openId !== user.openId)
          return fail(400, 'invalid_params', 'publish_id not found', route.group, user.openId)
        let status = 'PROCESSING_UPLOAD'
        let ids = '[]'
        if (upload.failReason) status = 'FAILED'
        else if (upload.completedAt !== null && now >= upload.completedAt + this.processingMs) {
          status = upload.mode === 'direct' ? 'PUBLISH_COMPLETE' : 'SEND_TO_USER_INBOX'
          // A bare 19-digit JSON number, as the platform sends it: JSON.parse would round it.
          if (upload.postId) ids = `[${upload.postId}]`
        }
        const reason = upload.failReason ? JSON.stringify(upload.failReason) : 'null'
        return send(
          200,
          `{"data":{"status":"${status}","fail_reason":${reason},"publicaly_available_post_id":${ids},"uploaded_bytes":${upload.received}},"error":{"code":"ok","message":"","log_id":"log-s"}}`,
          route.group,
          user.openId,
        )
      }
      case '/v2/user/info/': {
        const fields = (url.searchParams.get('fields') ?? '').split(',')
        const all: Record<string, unknown> = {
          open_id: user.openId,
          username: user.username,
          display_name: user.displayName,
          avatar_url: `https://p16.stand-in.invalid/${user.openId}.jpeg`,
          follower_count: user.followers,
          following_count: user.following,
          likes_count: user.likes,
          video_count: user.videos.length,
        }
        for (const field of fields)
          if (!(field in all))
            return fail(400, 'invalid_params', `unknown field ${field}`, route.group, user.openId)
        const granted = token.scopes.includes('user.info.stats')
        const stats = ['follower_count', 'following_count', 'likes_count', 'video_count']
        if (!granted && fields.some((f) => stats.includes(f)))
          return fail(
            401,
            'scope_not_authorized',
            'user.info.stats was not granted',
            route.group,
            user.openId,
          )
        return ok({ user: Object.fromEntries(fields.map((f) => [f, all[f]])) })
      }
      case '/v2/video/list/': {
        const input = json()
        const max = Number(input['max_count'] ?? 10)
        if (!Number.isInteger(max) || max < 1 || max > 20)
          return fail(400, 'invalid_params', 'max_count must be 1–20', route.group, user.openId)
        const cursor =
          input['cursor'] === undefined ? Number.POSITIVE_INFINITY : Number(input['cursor'])
        const sorted = [...user.videos].sort((a, b) => b.createTime - a.createTime)
        const after = sorted.filter((v) => v.createTime * 1000 < cursor)
        const page = after.slice(0, max)
        const last = page[page.length - 1]
        // Ids as bare numbers, like the platform.
        const videos = page
          .map(
            (v) =>
              `{"id":${v.id},"create_time":${v.createTime},"title":${JSON.stringify(v.title)},"video_description":${JSON.stringify(v.title)},"duration":${v.duration},"cover_image_url":"https://p16.stand-in.invalid/c/${v.id}.jpeg","share_url":"https://www.tiktok.com/@${user.username}/video/${v.id}","view_count":${v.views},"like_count":${Math.round(v.views * 0.08)},"comment_count":${Math.round(v.views * 0.004)},"share_count":${Math.round(v.views * 0.003)}}`,
          )
          .join(',')
        return send(
          200,
          `{"data":{"videos":[${videos}],"cursor":${last ? last.createTime * 1000 : 0},"has_more":${after.length > max}},"error":{"code":"ok","message":"","log_id":"log-v"}}`,
          route.group,
          user.openId,
        )
      }
    }
    return fail(404, 'not_found', path)
  }

  private authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams
    const redirect = q.get('redirect_uri') ?? ''
    const bad = (why: string) => {
      res.writeHead(400, { 'Content-Type': 'text/plain' })
      res.end(why)
    }
    if (q.get('client_key') !== this.options.clientKey) return bad('unknown client_key')
    if (q.get('response_type') !== 'code') return bad('response_type must be code')
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
      return bad('PKCE (S256) is required')
    const scopes = (q.get('scope') ?? '').split(',').filter(Boolean)
    // The person signs in as the first user and approves every scope asked for.
    const user = [...this.users.values()][0]
    if (!user) return bad('no user')
    const code = `code-${randomBytes(12).toString('hex')}`
    this.grants.set(code, {
      openId: user.openId,
      challenge: q.get('code_challenge') ?? '',
      redirectUri: redirect,
      scopes,
      used: false,
    })
    const target = new URL(redirect)
    target.searchParams.set('code', code)
    target.searchParams.set('scopes', scopes.join(','))
    target.searchParams.set('state', q.get('state') ?? '')
    res.writeHead(302, { Location: target.toString() })
    res.end()
  }

  private token(
    form: URLSearchParams,
    send: (status: number, payload: object, group: null, openId: string | null) => void,
    fail: (status: number, code: string, message: string) => void,
  ): void {
    const oauthError = (status: number, error: string, description: string) =>
      send(status, { error, error_description: description, log_id: 'log-t' }, null, null)
    if (
      form.get('client_key') !== this.options.clientKey ||
      form.get('client_secret') !== this.options.clientSecret
    )
      return oauthError(401, 'invalid_client', 'Client key or secret is incorrect.')
    const now = this.options.clock.now()
    const issue = (openId: string, scopes: string[]) => {
      const access = `act.${randomBytes(20).toString('hex')}`
      const refresh = `rft.${randomBytes(20).toString('hex')}`
      this.tokens.set(access, {
        openId,
        scopes,
        expiresAt: now + ACCESS_TTL_S * 1000,
        revoked: false,
      })
      this.refreshTokens.set(refresh, {
        openId,
        scopes,
        expiresAt: now + REFRESH_TTL_S * 1000,
        revoked: false,
      })
      send(
        200,
        {
          access_token: access,
          expires_in: ACCESS_TTL_S,
          open_id: openId,
          refresh_expires_in: REFRESH_TTL_S,
          refresh_token: refresh,
          scope: scopes.join(','),
          token_type: 'Bearer',
        },
        null,
        openId,
      )
    }
    const grantType = form.get('grant_type')
    if (grantType === 'authorization_code') {
      const grant = this.grants.get(form.get('code') ?? '')
      if (!grant || grant.used)
        return oauthError(400, 'invalid_grant', 'Authorization code is expired or already used.')
      grant.used = true
      if (grant.redirectUri !== form.get('redirect_uri'))
        return oauthError(400, 'invalid_grant', 'redirect_uri does not match.')
      const verifier = form.get('code_verifier') ?? ''
      // A desktop app sends the hex SHA-256 (64 hex digits), a web app RFC 7636's base64url.
      const desktop = /^[0-9a-f]{64}$/.test(grant.challenge)
      const expected = desktop ? hex(verifier) : b64url(verifier)
      if (!verifier || expected !== grant.challenge)
        return oauthError(400, 'invalid_grant', 'Code verifier does not match the code challenge.')
      return issue(grant.openId, grant.scopes)
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? ''
      const refresh = this.refreshTokens.get(presented)
      if (!refresh || refresh.revoked || refresh.expiresAt <= now)
        return oauthError(400, 'invalid_grant', 'Refresh token is invalid or expired.')
      // Refresh tokens rotate: the one presented is spent.
      refresh.revoked = true
      return issue(refresh.openId, refresh.scopes)
    }
    fail(400, 'invalid_request', 'unsupported grant_type')
  }

  private upload(
    rawId: string,
    req: IncomingMessage,
    body: Buffer,
    send: (status: number, payload: object, group: null, openId: string | null) => void,
    fail: (status: number, code: string, message: string) => void,
  ): void {
    const upload = this.uploads.get(decodeURIComponent(rawId))
    if (!upload) return fail(404, 'invalid_file_upload', 'unknown upload')
    const now = this.options.clock.now()
    if (now > upload.createdAt + TIKTOK_UPLOAD_RULES.uploadUrlTtlMs)
      return fail(403, 'invalid_file_upload', 'The upload URL has expired.')
    const type = req.headers['content-type'] ?? ''
    if (!(TIKTOK_UPLOAD_RULES.contentTypes as readonly string[]).includes(type))
      return fail(400, 'invalid_file_upload', `Content-Type ${type} is not a supported video type`)
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '')
    if (!range) return fail(400, 'invalid_file_upload', 'Content-Range is missing or malformed')
    const [first, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])]
    const index = upload.nextChunk
    const isLast = index === upload.totalChunks - 1
    const expectedEnd = isLast ? upload.videoSize - 1 : upload.received + upload.chunkSize - 1
    if (total !== upload.videoSize || first !== upload.received || last !== expectedEnd)
      return fail(
        400,
        'invalid_file_upload',
        `expected bytes ${upload.received}-${expectedEnd}/${upload.videoSize}, got ${first}-${last}/${total}`,
      )
    if (body.length !== last - first + 1)
      return fail(
        400,
        'invalid_file_upload',
        `the body has ${body.length} bytes, Content-Range says ${last - first + 1}`,
      )
    upload.received = last + 1
    upload.nextChunk += 1
    this.uploadedBytes.get(upload.publishId)?.push(body)
    if (!isLast) return send(206, {}, null, upload.openId)
    upload.completedAt = now
    if (this.failNextPublish) {
      upload.failReason = this.failNextPublish
      this.failNextPublish = null
    } else if (upload.mode === 'direct') {
      upload.postId = ((BigInt(Math.floor(now / 1000)) << 32n) | BigInt(0x7a3b9c11)).toString()
    }
    send(201, {}, null, upload.openId)
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
