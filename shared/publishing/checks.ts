import { MAX_CAPTION, type PostDoc } from '../data/collections/posts'
import type { MusicLicence } from '../data/collections/media'
import { codePointLength } from '../data/fields'
import type { Confidence } from '../platform/tiktok-facts'
import {
  CREATOR_REWARDS_MIN_DURATION,
  DAILY_POST_CAP,
  PENDING_INBOX_DRAFTS,
  POSTING_SCREEN_TEXT,
  SHOP_PILOT_QUOTA,
  SPARK_CAPTION_LOCK,
  UNAUDITED_APP_RULE,
} from './publish-facts'
import { PLATFORM_PRIVACY, PRIVACY_LABELS } from './privacy'

/**
 * Pre-publish checks: pure rules the composer runs live and the server runs again right before
 * it publishes. `error` blocks publishing, `warning` explains a risk, `info` is worth knowing.
 * Each rule has an id (also written as the post's publish `code` when the server stops on it), a
 * message in plain words and the source of the fact it relies on.
 */
export type Severity = 'error' | 'warning' | 'info'

export interface CheckResult {
  id: string
  severity: Severity
  message: string
  source: string
  confidence: Confidence
  /** The composer field the problem belongs beside. */
  field: 'video' | 'caption' | 'privacy' | 'disclosure' | 'sound' | 'schedule' | 'account'
}

/** What the creator info call says about the account right now (null: not known yet). */
export interface CreatorFacts {
  maxVideoPostDurationSec: number
  privacyLevelOptions: readonly string[]
  postingBlocked: { code: string; message: string } | null
  followers: number | null
}

export type { MusicLicence }

export interface CheckInput {
  post: Pick<
    PostDoc,
    'video' | 'caption' | 'privacy' | 'disclosure' | 'productTags' | 'mode' | 'accountId'
  >
  creator: CreatorFacts | null
  /** Whether the platform app passed the platform's audit (the sandbox counts as audited). */
  appAudited: boolean
  /** The post delivers a live brand deal (see shared/deals/disclosure.ts: dealsLinkedTo). */
  linkedToDeal: boolean
  /** The brands of those deals, named in the message when known. */
  dealBrands?: readonly string[]
  /** Licence of the music used in the video, or null when it has no music track. */
  music: MusicLicence | null
  /** The account's recent activity, counted by whoever runs the check. */
  recent: { directPostsLastDay: number; inboxDraftsLastDay: number; shoppableLastWeek: number }
  /** Set when a Spark Ads code was issued for this post: the caption it locked. */
  lockedCaption: string | null
}

interface Rule {
  id: string
  run(input: CheckInput): Omit<CheckResult, 'id'> | null
}

const at = (
  severity: Severity,
  field: CheckResult['field'],
  message: string,
  fact: { source: string; confidence: Confidence },
): Omit<CheckResult, 'id'> => ({
  severity,
  field,
  message,
  source: fact.source,
  confidence: fact.confidence,
})

const CREATOR_INFO = {
  source: 'PLATFORM-FACTS: Content Posting API (creator_info/query before every post)',
  confidence: 'official',
} as const

function shoppable(input: CheckInput) {
  return input.post.productTags.length > 0
}

/**
 * The one disclosure rule (the composer, the server's check before publishing and the deals area
 * all use it): a post that delivers a brand deal is branded content and must carry "Branded
 * content" (Paid partnership); a post with product tags must disclose commercial content. Null
 * when the disclosure is right. `dealBrands` is null when no live deal binds the post.
 */
export function disclosureProblem(
  post: Pick<PostDoc, 'disclosure' | 'productTags'>,
  dealBrands: readonly string[] | null,
): string | null {
  const { commercial, brandedContent } = post.disclosure
  if (dealBrands !== null) {
    if (commercial && brandedContent) return null
    const names = [...new Set(dealBrands)].join(', ')
    return `This post delivers a brand deal${names ? ` (${names})` : ''}: turn on “Disclose commercial content” and tick “Branded content” (Paid partnership) before publishing.`
  }
  if (post.productTags.length > 0 && !commercial)
    return 'This post has product tags: turn on “Disclose commercial content” and choose what it promotes.'
  return null
}

export const RULES: readonly Rule[] = [
  {
    id: 'posting_blocked',
    run: ({ creator }) =>
      creator?.postingBlocked
        ? at('error', 'account', creator.postingBlocked.message, CREATOR_INFO)
        : null,
  },
  {
    id: 'no_video',
    run: ({ post }) =>
      post.video ? null : at('error', 'video', 'Choose a video to post.', CREATOR_INFO),
  },
  {
    id: 'duration_over_max',
    run: ({ post, creator }) => {
      if (!post.video || !creator) return null
      const max = creator.maxVideoPostDurationSec
      if (post.video.durationMs <= max * 1000) return null
      return at(
        'error',
        'video',
        `This video is ${Math.ceil(post.video.durationMs / 1000)} s long; this account can post videos up to ${max} s. Trim it in the editor.`,
        CREATOR_INFO,
      )
    },
  },
  {
    id: 'privacy_missing',
    run: ({ post }) =>
      post.mode === 'direct' && post.privacy === null
        ? at('error', 'privacy', 'Choose who can see this post.', POSTING_SCREEN_TEXT)
        : null,
  },
  {
    id: 'privacy_not_offered',
    run: ({ post, creator }) => {
      if (post.mode !== 'direct' || post.privacy === null || !creator) return null
      const platform = PLATFORM_PRIVACY[post.privacy]
      return creator.privacyLevelOptions.includes(platform)
        ? null
        : at(
            'error',
            'privacy',
            `“${PRIVACY_LABELS[post.privacy]}” is not available for this account; choose another option.`,
            CREATOR_INFO,
          )
    },
  },
  {
    id: 'disclosure_choice_missing',
    run: ({ post }) =>
      post.disclosure.commercial && !post.disclosure.yourBrand && !post.disclosure.brandedContent
        ? at('error', 'disclosure', POSTING_SCREEN_TEXT.disclosureNeedsChoice, POSTING_SCREEN_TEXT)
        : null,
  },
  {
    id: 'branded_private',
    run: ({ post }) =>
      post.disclosure.commercial && post.disclosure.brandedContent && post.privacy === 'private'
        ? at('error', 'privacy', POSTING_SCREEN_TEXT.brandedNotPrivate, POSTING_SCREEN_TEXT)
        : null,
  },
  {
    id: 'disclosure_missing',
    run: (input) => {
      const message = disclosureProblem(
        input.post,
        input.linkedToDeal ? (input.dealBrands ?? []) : null,
      )
      return message ? at('error', 'disclosure', message, POSTING_SCREEN_TEXT) : null
    },
  },
  {
    id: 'sound_not_commercial',
    run: ({ post, music }) => {
      if (!post.disclosure.commercial || music === null || music === 'commercial') return null
      return music === 'personal'
        ? at(
            'error',
            'sound',
            'The music in this video is licensed for personal use only; a commercial post needs a sound cleared for commercial use.',
            POSTING_SCREEN_TEXT,
          )
        : at(
            'warning',
            'sound',
            'The music licence is unknown: check it is cleared for commercial use before posting commercial content.',
            POSTING_SCREEN_TEXT,
          )
    },
  },
  {
    id: 'shop_pilot_quota',
    run: (input) => {
      const followers = input.creator?.followers ?? null
      if (!shoppable(input) || followers === null) return null
      if (followers >= SHOP_PILOT_QUOTA.followersBelow) return null
      if (input.recent.shoppableLastWeek < SHOP_PILOT_QUOTA.videosPerWeek) return null
      return at(
        'error',
        'video',
        `Accounts under ${SHOP_PILOT_QUOTA.followersBelow.toLocaleString('en-US')} followers can post ${SHOP_PILOT_QUOTA.videosPerWeek} shoppable videos a week; this week's are used. Remove the product tags or schedule it for next week.`,
        SHOP_PILOT_QUOTA,
      )
    },
  },
  {
    id: 'daily_post_cap',
    run: ({ post, recent }) =>
      post.mode === 'direct' && recent.directPostsLastDay >= DAILY_POST_CAP.limit
        ? at(
            'warning',
            'schedule',
            `This account posted ${recent.directPostsLastDay} times in the last 24 hours; the platform allows about ${DAILY_POST_CAP.limit} a day and may refuse more. Schedule it for tomorrow.`,
            DAILY_POST_CAP,
          )
        : null,
  },
  {
    id: 'pending_inbox_drafts',
    run: ({ post, recent }) =>
      post.mode === 'inbox' && recent.inboxDraftsLastDay >= PENDING_INBOX_DRAFTS.limit
        ? at(
            'error',
            'schedule',
            `${recent.inboxDraftsLastDay} drafts were sent to this account's inbox in the last 24 hours; the platform takes at most ${PENDING_INBOX_DRAFTS.limit}. Post directly, or send it tomorrow.`,
            PENDING_INBOX_DRAFTS,
          )
        : null,
  },
  {
    id: 'unaudited_app_private_only',
    run: ({ post, appAudited }) =>
      !appAudited && post.mode === 'direct' && post.privacy !== null && post.privacy !== 'private'
        ? at(
            'error',
            'privacy',
            'This app is not yet approved by the platform: it can only post as “Only me”.',
            UNAUDITED_APP_RULE,
          )
        : null,
  },
  {
    id: 'caption_locked',
    run: ({ post, lockedCaption }) =>
      lockedCaption !== null && post.caption !== lockedCaption
        ? at(
            'error',
            'caption',
            'A Spark Ads code was issued for this post, so its caption is locked. Put the caption back as it was.',
            SPARK_CAPTION_LOCK,
          )
        : null,
  },
  {
    id: 'creator_rewards_short',
    run: ({ post }) =>
      post.video && post.video.durationMs <= CREATOR_REWARDS_MIN_DURATION.durationMs
        ? at(
            'info',
            'video',
            'Videos of one minute or less don’t count for Creator Rewards.',
            CREATOR_REWARDS_MIN_DURATION,
          )
        : null,
  },
  {
    id: 'caption_too_long',
    run: ({ post }) =>
      codePointLength(post.caption) > MAX_CAPTION
        ? at('error', 'caption', 'The caption is longer than 2,200 characters.', CREATOR_INFO)
        : null,
  },
]

/** Every rule's finding for this post, errors first. */
export function runChecks(input: CheckInput): CheckResult[] {
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 }
  const out: CheckResult[] = []
  for (const rule of RULES) {
    const found = rule.run(input)
    if (found) out.push({ id: rule.id, ...found })
  }
  return out.sort((a, b) => order[a.severity] - order[b.severity])
}

export const blocking = (results: readonly CheckResult[]) =>
  results.filter((r) => r.severity === 'error')
