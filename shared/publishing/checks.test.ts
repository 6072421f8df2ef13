import { describe, expect, it } from 'vitest'
import { blocking, runChecks, type CheckInput } from './checks'

const base = (): CheckInput => ({
  post: {
    accountId: 'a',
    video: {
      fileName: 'cut.mp4',
      sizeBytes: 1_000_000,
      durationMs: 75_000,
      width: 1080,
      height: 1920,
      sha256: null,
      ref: null,
    },
    caption: 'hello #tag',
    privacy: 'public',
    disclosure: { commercial: false, yourBrand: false, brandedContent: false },
    productTags: [],
    mode: 'direct',
  },
  creator: {
    maxVideoPostDurationSec: 600,
    privacyLevelOptions: ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
    postingBlocked: null,
    followers: 12_000,
  },
  appAudited: true,
  linkedToDeal: false,
  music: null,
  recent: { directPostsLastDay: 0, inboxDraftsLastDay: 0, shoppableLastWeek: 0 },
  lockedCaption: null,
})

type Change = (i: CheckInput) => void
const tag = { id: 't1', productId: 'p1', atMs: 0 }
const commercial = (i: CheckInput, yourBrand: boolean, brandedContent: boolean) => {
  i.post.disclosure = { commercial: true, yourBrand, brandedContent }
}

describe('pre-publish checks', () => {
  it('a complete, ordinary post passes with nothing to say', () => {
    expect(runChecks(base())).toEqual([])
  })

  const cases: [string, Change, string, 'error' | 'warning' | 'info'][] = [
    [
      'creator info says the account cannot post',
      (i) => {
        i.creator!.postingBlocked = { code: 'spam_risk', message: 'Too many posts today.' }
      },
      'posting_blocked',
      'error',
    ],
    ['no video chosen', (i) => void (i.post.video = null), 'no_video', 'error'],
    [
      'duration over the account maximum',
      (i) => void (i.creator!.maxVideoPostDurationSec = 60),
      'duration_over_max',
      'error',
    ],
    ['no privacy chosen', (i) => void (i.post.privacy = null), 'privacy_missing', 'error'],
    [
      'privacy the account does not offer',
      (i) => void (i.post.privacy = 'followers'),
      'privacy_not_offered',
      'error',
    ],
    [
      'commercial toggle on, no box ticked',
      (i) => commercial(i, false, false),
      'disclosure_choice_missing',
      'error',
    ],
    [
      'branded content set to Only me',
      (i) => {
        commercial(i, false, true)
        i.post.privacy = 'private'
      },
      'branded_private',
      'error',
    ],
    [
      'linked to a deal without disclosure',
      (i) => void (i.linkedToDeal = true),
      'disclosure_missing',
      'error',
    ],
    [
      'linked to a deal but disclosed only as “Your brand”',
      (i) => {
        i.linkedToDeal = true
        commercial(i, true, false)
      },
      'disclosure_missing',
      'error',
    ],
    [
      'product tags without disclosure',
      (i) => void (i.post.productTags = [tag]),
      'disclosure_missing',
      'error',
    ],
    [
      'personal-only sound on a branded post',
      (i) => {
        commercial(i, false, true)
        i.music = 'personal'
      },
      'sound_not_commercial',
      'error',
    ],
    [
      'unknown sound licence on a branded post',
      (i) => {
        commercial(i, true, false)
        i.music = 'unknown'
      },
      'sound_not_commercial',
      'warning',
    ],
    [
      'sixth shoppable video this week under 5,000 followers',
      (i) => {
        commercial(i, true, false)
        i.post.productTags = [tag]
        i.creator!.followers = 4_999
        i.recent.shoppableLastWeek = 5
      },
      'shop_pilot_quota',
      'error',
    ],
    [
      'daily posting cap reached',
      (i) => void (i.recent.directPostsLastDay = 15),
      'daily_post_cap',
      'warning',
    ],
    [
      'five inbox drafts pending',
      (i) => {
        i.post.mode = 'inbox'
        i.recent.inboxDraftsLastDay = 5
      },
      'pending_inbox_drafts',
      'error',
    ],
    [
      'public post from an unaudited app',
      (i) => void (i.appAudited = false),
      'unaudited_app_private_only',
      'error',
    ],
    [
      'caption changed after a Spark code',
      (i) => void (i.lockedCaption = 'the original caption'),
      'caption_locked',
      'error',
    ],
    [
      'a video of 60 s exactly',
      (i) => void (i.post.video!.durationMs = 60_000),
      'creator_rewards_short',
      'info',
    ],
    [
      'a caption over 2,200 characters',
      (i) => void (i.post.caption = 'x'.repeat(2201)),
      'caption_too_long',
      'error',
    ],
  ]

  it.each(cases)('%s → %s (%s)', (_name, change, id, severity) => {
    const input = base()
    change(input)
    const found = runChecks(input)
    expect(found.map((r) => r.id)).toContain(id)
    const hit = found.find((r) => r.id === id)!
    expect(hit.severity).toBe(severity)
    expect(hit.source).toMatch(/^PLATFORM-FACTS/)
    expect(blocking(found).some((r) => r.id === id)).toBe(severity === 'error')
  })

  const boundaries: [string, Change][] = [
    ['duration exactly the maximum', (i) => void (i.creator!.maxVideoPostDurationSec = 75)],
    ['61 s counts for Creator Rewards', (i) => void (i.post.video!.durationMs = 61_000)],
    ['14 posts today', (i) => void (i.recent.directPostsLastDay = 14)],
    [
      'four inbox drafts',
      (i) => {
        i.post.mode = 'inbox'
        i.post.privacy = null
        i.recent.inboxDraftsLastDay = 4
      },
    ],
    [
      'five shoppable videos at 5,000 followers',
      (i) => {
        commercial(i, true, false)
        i.post.productTags = [tag]
        i.creator!.followers = 5_000
        i.recent.shoppableLastWeek = 9
      },
    ],
    [
      'disclosed deal with a commercial-safe sound',
      (i) => {
        commercial(i, false, true)
        i.linkedToDeal = true
        i.music = 'commercial'
      },
    ],
    [
      'Only me from an unaudited app',
      (i) => {
        i.appAudited = false
        i.post.privacy = 'private'
      },
    ],
    ['unchanged locked caption', (i) => void (i.lockedCaption = 'hello #tag')],
  ]

  it.each(boundaries)('%s passes', (_name, change) => {
    const input = base()
    change(input)
    expect(runChecks(input)).toEqual([])
  })

  it('lists errors before warnings before information', () => {
    const input = base()
    input.post.video!.durationMs = 30_000
    input.recent.directPostsLastDay = 20
    input.post.privacy = null
    expect(runChecks(input).map((r) => r.severity)).toEqual(['error', 'warning', 'info'])
  })
})

describe('disclosure_missing names the deal', () => {
  it('names the brands of the linked deals, once each', () => {
    const input = base()
    input.linkedToDeal = true
    input.dealBrands = ['Glow Labs', 'Glow Labs']
    const found = runChecks(input).find((r) => r.id === 'disclosure_missing')
    expect(found?.message).toContain('delivers a brand deal (Glow Labs)')
    expect(found?.message).toContain('“Branded content” (Paid partnership)')
  })
})
