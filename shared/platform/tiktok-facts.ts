/**
 * The platform's numbers Reeldesk depends on, as data with their source (../shared/PLATFORM-FACTS
 * of the project: [O] the platform's own documentation, [S] a secondary source, `uncertain` where
 * sources disagree). Code reads them from here, never from a constant buried where it is used, so
 * a changed limit is a one-line data change with its source next to it.
 */
export type Confidence = 'official' | 'secondary' | 'uncertain'

export interface Sourced {
  source: string
  confidence: Confidence
}

export interface RateLimit extends Sourced {
  /** Requests allowed per window, per user access token. */
  limit: number
  windowMs: number
}

const MINUTE = 60_000

/** Per-token request limits (Content Posting API and Display API). */
export const TIKTOK_RATE_LIMITS = {
  creatorInfo: {
    limit: 20,
    windowMs: MINUTE,
    source: 'developers.tiktok.com content-posting-api-reference-query-creator-info',
    confidence: 'official',
  },
  directPostInit: {
    limit: 6,
    windowMs: MINUTE,
    source: 'developers.tiktok.com content-posting-api-reference-direct-post',
    confidence: 'official',
  },
  inboxInit: {
    limit: 6,
    windowMs: MINUTE,
    source: 'developers.tiktok.com content-posting-api-reference-upload-video',
    confidence: 'official',
  },
  publishStatus: {
    limit: 30,
    windowMs: MINUTE,
    source: 'developers.tiktok.com content-posting-api-reference-get-video-status',
    confidence: 'official',
  },
  display: {
    limit: 600,
    windowMs: MINUTE,
    source: 'developers.tiktok.com tiktok-api-v2-rate-limit (Display API, ~600/min per token)',
    confidence: 'official',
  },
} as const satisfies Record<string, RateLimit>

export type TikTokRateLimitName = keyof typeof TIKTOK_RATE_LIMITS

/**
 * FILE_UPLOAD chunk rules (content-posting-api-media-transfer-guide). The guide writes "MB"
 * without saying 10^6 or 2^20 bytes; its own example uses decimal sizes. The stand-in enforces
 * the decimal reading; the client picks sizes that are valid under both readings.
 */
export const TIKTOK_UPLOAD_RULES = {
  /** Smallest chunk, except a video under this size is sent whole as one chunk. */
  minChunkBytes: 5_000_000,
  maxChunkBytes: 64_000_000,
  /** The last chunk takes the remainder, so it may be larger than the others. */
  maxFinalChunkBytes: 128_000_000,
  minChunks: 1,
  maxChunks: 1000,
  /** How long the upload URL from init stays valid. */
  uploadUrlTtlMs: 60 * MINUTE,
  /** Content types the upload PUT accepts. */
  contentTypes: ['video/mp4', 'video/quicktime', 'video/webm'],
  source: 'developers.tiktok.com content-posting-api-media-transfer-guide',
  confidence: 'official',
} as const

/** Chunk size Reeldesk uploads with: valid under both readings of "MB", and gives progress. */
export const PREFERRED_CHUNK_BYTES = 10_000_000
/** 5 MiB: the larger reading of the guide's "5 MB" minimum. */
export const SAFE_MIN_CHUNK_BYTES = 5 * 1024 * 1024

/** Token lifetimes of Login Kit v2 (newest docs; older pages say 24 h and 365 d). */
export const TIKTOK_TOKEN_LIFETIMES = {
  accessMs: 2 * 60 * MINUTE,
  refreshMs: 180 * 24 * 60 * MINUTE,
  source: 'developers.tiktok.com oauth-user-access-token-management (older pages: 24 h / 365 d)',
  confidence: 'uncertain',
} as const

/** Refresh an access token this long before it expires, so no call ever carries a stale one. */
export const REFRESH_AHEAD_MS = 10 * MINUTE

/** Scopes Reeldesk asks for when linking (comma-separated on the authorize URL). */
export const TIKTOK_SCOPES = [
  'user.info.basic',
  'user.info.stats',
  'video.list',
  'video.publish',
  'video.upload',
] as const

/**
 * PKCE for desktop apps: the documented `code_challenge` is the HEX SHA-256 of the verifier, not
 * RFC 7636's base64url. Web apps use the RFC form.
 */
export const TIKTOK_PKCE = {
  desktopChallengeEncoding: 'hex',
  webChallengeEncoding: 'base64url',
  source: 'developers.tiktok.com login-kit-desktop (PKCE section)',
  confidence: 'official',
} as const

/** Status values of /v2/post/publish/status/fetch/. */
export const TIKTOK_PUBLISH_STATUSES = [
  'PROCESSING_UPLOAD',
  'PROCESSING_DOWNLOAD',
  'SEND_TO_USER_INBOX',
  'PUBLISH_COMPLETE',
  'FAILED',
] as const
export type TikTokPublishStatus = (typeof TIKTOK_PUBLISH_STATUSES)[number]

/** How often to ask for a publish's status: 30/min allows one every 2 s; we ask every 5 s. */
export const PUBLISH_STATUS_POLL_MS = 5_000

/** LIVE gifts: no official cash rate; the commonly reported figure, editable per workspace. */
export const DIAMOND_CASH_RATE_DEFAULT = {
  currency: 'USD',
  /** Millionths of a currency unit per diamond: 5,000 = USD 0.005. */
  microsPerDiamond: 5_000,
  source: 'commonly reported (creator forums, vendor help pages); the platform publishes none',
  confidence: 'uncertain',
} as const
