import type { TikTokPublishStatus } from '../../shared/platform/tiktok-facts'
import type { PlatformEvent } from './events'

/**
 * The server's one port to a platform (DESIGN §5): everything the product asks of TikTok — or of
 * the sandbox that simulates it — goes through this interface. Implementations: `tiktok`
 * (the documented v2 APIs) and `sandbox` (a seeded simulation inside this server).
 *
 * Tokens come in as `LinkCredentials` and go out as `TokenSet`; they live only on the server,
 * sealed at rest (token-vault.ts). Failures are `PlatformError`s carrying the platform's code and
 * message verbatim with a plain explanation, and whether retrying can help.
 */
export type PlatformName = 'tiktok' | 'sandbox'

export interface TokenSet {
  accessToken: string
  refreshToken: string
  /** Epoch ms. */
  accessExpiresAt: number
  refreshExpiresAt: number
  scopes: string[]
  /** The platform's id of the user (TikTok's open_id). */
  platformAccountId: string
}

/** What a call needs to act as the linked user. */
export interface LinkCredentials {
  accessToken: string
  platformAccountId: string
}

export type ClientKind = 'desktop' | 'web'

export interface AuthorizeRequest {
  state: string
  /** The PKCE verifier; the connector derives the challenge in the platform's encoding. */
  codeVerifier: string
  redirectUri: string
  client: ClientKind
}

export interface CreatorInfo {
  username: string
  nickname: string
  /** Valid for about 2 hours (the platform's CDN). */
  avatarUrl: string | null
  privacyLevelOptions: string[]
  commentDisabled: boolean
  duetDisabled: boolean
  stitchDisabled: boolean
  maxVideoPostDurationSec: number
  /**
   * Set when the platform says this creator cannot post right now (creator_info reports it with
   * HTTP 200): the platform's code and message, shown as they are.
   */
  postingBlocked: { code: string; message: string } | null
}

export interface AccountStats {
  username: string
  displayName: string
  avatarUrl: string | null
  followerCount: number
  followingCount: number
  likesCount: number
  videoCount: number
}

export interface VideoCounts {
  views: number
  likes: number
  comments: number
  shares: number
  /** Not in the TikTok Display API; the sandbox has them. */
  saves: number | null
  watchTimeMs: number | null
}

export interface PlatformVideo {
  /** The platform's 19-digit id, as a string (a JS number would lose digits). */
  id: string
  createdAt: number
  title: string
  durationSec: number
  coverUrl: string | null
  shareUrl: string | null
  counts: VideoCounts
}

export interface VideoPage {
  videos: PlatformVideo[]
  cursor: string | null
  hasMore: boolean
}

/** Cumulative counts at the end of a UTC day. */
export interface DailyPoint extends VideoCounts {
  date: string
}

export interface DailyAccountPoint extends DailyPoint {
  followers: number
  profileViews: number
}

export interface History {
  account: DailyAccountPoint[]
  /** Per video id, its days from publication within the range. */
  videos: Map<string, DailyPoint[]>
}

export interface PostInfo {
  title: string
  privacyLevel: string
  disableComment: boolean
  disableDuet: boolean
  disableStitch: boolean
  videoCoverTimestampMs: number
  brandContentToggle: boolean
  brandOrganicToggle: boolean
}

export interface ChunkPlan {
  videoSize: number
  chunkSize: number
  totalChunkCount: number
}

export interface PublishInitRequest {
  /** `direct` posts; `inbox` sends a draft to the creator's inbox to finish in the app. */
  mode: 'direct' | 'inbox'
  plan: ChunkPlan
  /** Direct posts only. */
  post: PostInfo | null
  /** Seconds; the sandbox uses it to simulate the post, TikTok reads it from the file. */
  durationSec: number
}

export interface PublishInit {
  publishId: string
  uploadUrl: string
  uploadUrlExpiresAt: number
}

export interface ChunkUpload {
  uploadUrl: string
  plan: ChunkPlan
  /** 0-based. */
  index: number
  bytes: Uint8Array
  contentType: string
}

export interface PublishStatus {
  status: TikTokPublishStatus
  failReason: string | null
  /** The published post's ids (after moderation), 19-digit strings. */
  postIds: string[]
  uploadedBytes: number
}

export interface EventPage {
  events: PlatformEvent[]
  /** Pass back to read on from here. */
  cursor: string
  /** More events before `until` remain: call again with `cursor`. */
  hasMore: boolean
}

export interface ConnectorCapabilities {
  /** Link by the OAuth flow (TikTok) or directly (sandbox). */
  oauth: boolean
  /** `history()` gives days before the link (the sandbox); otherwise history starts at link. */
  history: boolean
  /** `events()` reports gifts, rewards, shop and brand events. */
  events: boolean
  /**
   * `sendDealMessage` reaches the brand (the sandbox). TikTok's public API has no Creator
   * Marketplace conversation endpoint (PLATFORM-FACTS.md documents none), so it is false there.
   */
  dealReplies: boolean
  /**
   * The platform app passed the platform's audit. Until it has, TikTok lets it post only as
   * "Only me" (PLATFORM-FACTS: Unaudited apps); the sandbox counts as audited.
   */
  audited: boolean
}

/** What the team sends to a brand about an invitation: a message, or a counter-offer with one. */
export interface DealReply {
  invitationId: string
  /** Our id for it (the message's or the offer's): sending it again delivers it once. */
  replyId: string
  body: string
  offer: { amountMinor: number; currency: string; paymentTerms: string | null } | null
}

export interface PlatformConnector {
  readonly platform: PlatformName
  readonly capabilities: ConnectorCapabilities

  // Linking (OAuth 2 authorization code with PKCE).
  authorizeUrl(request: AuthorizeRequest): string
  exchangeCode(request: {
    code: string
    codeVerifier: string
    redirectUri: string
  }): Promise<TokenSet>
  refresh(tokens: TokenSet): Promise<TokenSet>
  revoke(tokens: TokenSet): Promise<void>

  // Reads.
  creatorInfo(link: LinkCredentials): Promise<CreatorInfo>
  accountStats(link: LinkCredentials): Promise<AccountStats>
  listVideos(link: LinkCredentials, cursor: string | null): Promise<VideoPage>
  /**
   * Daily history for [from, to) (UTC days, 'YYYY-MM-DD'); only when `capabilities.history`.
   * `videoDays: 'last'` gives each video only its last day in the range (a backfill that keeps
   * one snapshot per post); the default gives every day.
   */
  history(
    link: LinkCredentials,
    range: { from: string; to: string; videoDays?: 'all' | 'last' },
  ): Promise<History>
  /** Events after `cursor` (null: from the start of history) up to `until` (epoch ms). */
  events(
    link: LinkCredentials,
    request: { cursor: string | null; until: number },
  ): Promise<EventPage>

  // Publishing: init → chunks in order → status until PUBLISH_COMPLETE or FAILED.
  initPublish(link: LinkCredentials, request: PublishInitRequest): Promise<PublishInit>
  uploadChunk(link: LinkCredentials, chunk: ChunkUpload): Promise<{ complete: boolean }>
  publishStatus(link: LinkCredentials, publishId: string): Promise<PublishStatus>

  // Brand deals.
  /**
   * Sends a reply to the brand behind an invitation. Idempotent by `replyId`. Refused with a
   * PlatformError (not retryable) where the platform offers no way to (capabilities.dealReplies).
   */
  sendDealMessage(link: LinkCredentials, reply: DealReply): Promise<{ sentAt: number }>
}
