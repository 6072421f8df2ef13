import type { Sourced } from '../platform/tiktok-facts'

/**
 * The posting rules the composer and the pre-publish checks depend on, as data with their source
 * (../shared/PLATFORM-FACTS.md of the project). A changed number is a one-line data change here.
 * `uncertain` ones are shown as such ("about 15 a day") and never refuse on their own authority
 * more than the platform would.
 */
export interface Counted extends Sourced {
  limit: number
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** ~15 direct posts a day per creator, shared across apps; no endpoint tells how many are left. */
export const DAILY_POST_CAP: Counted & { windowMs: number } = {
  limit: 15,
  windowMs: DAY,
  source: 'PLATFORM-FACTS: Content Posting API (~15 posts/day/creator shared across apps)',
  confidence: 'uncertain',
}

/** spam_risk_too_many_pending_share: 5 drafts waiting in the creator's inbox per 24 h. */
export const PENDING_INBOX_DRAFTS: Counted & { windowMs: number } = {
  limit: 5,
  windowMs: DAY,
  source: 'PLATFORM-FACTS: Content Posting API (5 pending drafts / 24 h)',
  confidence: 'uncertain',
}

/** TikTok Shop US pilot: under 5,000 followers an affiliate may post 5 shoppable videos a week. */
export const SHOP_PILOT_QUOTA = {
  followersBelow: 5_000,
  videosPerWeek: 5,
  windowMs: 7 * DAY,
  source: 'PLATFORM-FACTS: TikTok Shop US (30-day Pilot: 5 shoppable videos / week) [O, 2025-12]',
  confidence: 'official',
} as const

/** Creator Rewards counts original videos longer than one minute. */
export const CREATOR_REWARDS_MIN_DURATION = {
  /** A video must be strictly longer than this to count. */
  durationMs: 60_000,
  source: 'PLATFORM-FACTS: Monetization eligibility (Creator Rewards: original videos >1 min)',
  confidence: 'secondary',
} as const

/** TikTok Studio schedules at most 10 days ahead; Reeldesk's server holds posts beyond that. */
export const PLATFORM_SCHEDULE_HORIZON = {
  ms: 10 * DAY,
  source: 'PLATFORM-FACTS: Peers (TikTok Studio scheduling desktop-only, ≤10 days ahead)',
  confidence: 'secondary',
} as const

/** Unaudited platform apps may only post as SELF_ONLY (and to private accounts). */
export const UNAUDITED_APP_RULE = {
  source: 'PLATFORM-FACTS: Content Posting API (Unaudited apps: SELF_ONLY, private accounts)',
  confidence: 'official',
} as const

/** Spark Ads: the caption locks once a code is authorised. */
export const SPARK_CAPTION_LOCK = {
  source: 'PLATFORM-FACTS: Spark Ads (caption locks once authorized)',
  confidence: 'secondary',
} as const

/** The posting-screen wording the content-sharing guidelines prescribe, verbatim. */
export const POSTING_SCREEN_TEXT = {
  disclosureNeedsChoice:
    'You need to indicate if your content promotes yourself, a third party, or both.',
  brandedNotPrivate: 'Branded content visibility cannot be set to private.',
  promotionalLabel: 'Promotional content',
  paidPartnershipLabel: 'Paid partnership',
  /** The consent line; the branded-content variant names the Branded Content Policy too. */
  musicConsent: 'By posting, you agree to TikTok’s Music Usage Confirmation.',
  brandedConsent:
    'By posting, you agree to TikTok’s Branded Content Policy and Music Usage Confirmation.',
  yourBrandHelp:
    'You are promoting yourself or your own business. This video will be labeled as “Promotional content”.',
  brandedContentHelp:
    'You are promoting another brand or a third party. This video will be labeled as “Paid partnership”.',
  source: 'PLATFORM-FACTS: Posting-screen UX (content-sharing-guidelines) [O]',
  confidence: 'official',
} as const

export const MUSIC_USAGE_URL =
  'https://www.tiktok.com/legal/page/global/music-usage-confirmation/en'
export const BRANDED_CONTENT_POLICY_URL = 'https://www.tiktok.com/legal/page/global/bc-policy/en'
