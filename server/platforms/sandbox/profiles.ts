/**
 * The three sandbox creators a person can link: a new creator, one with 12k followers and one
 * with 250k. The numbers are the simulation's inputs, chosen to land in the ranges creators and
 * agencies report (PLATFORM-FACTS); they are not platform facts themselves.
 */
export const SANDBOX_SIZES = ['new', '9k', '12k', '250k'] as const
export type SandboxSize = (typeof SANDBOX_SIZES)[number]

export interface SandboxProfile {
  label: string
  /** Days the account existed before it was linked (history reaches back at most a year). */
  ageDays: number
  followersAtLink: number
  /** Followers a year before the link (or at the account's start when younger). */
  followersYearBefore: number
  postsPerWeek: number
  /** Median share of followers who see a new video, before the viral tail. */
  reachMedian: number
  /** Views a new video gets from the For You feed whatever the follower count. */
  discoveryMedian: number
  livePerWeek: number
  /** Showcase products; 0 = no shop. */
  products: number
  brandInvitationsPerMonth: number
}

export const SANDBOX_PROFILES: Readonly<Record<SandboxSize, SandboxProfile>> = {
  new: {
    label: 'New creator',
    ageDays: 21,
    followersAtLink: 180,
    followersYearBefore: 0,
    postsPerWeek: 3,
    reachMedian: 0.6,
    discoveryMedian: 220,
    livePerWeek: 0,
    products: 0,
    brandInvitationsPerMonth: 0,
  },
  // Just under the 10k of Creator Rewards and the Creator Marketplace (issue 12): what the
  // Eligibility area's "not met, projected around …" looks like. Its growth (≈ +18/day) is the
  // 12k profile's curve, a year earlier.
  '9k': {
    label: '9k followers',
    ageDays: 600,
    followersAtLink: 9_000,
    followersYearBefore: 3_300,
    postsPerWeek: 4,
    reachMedian: 0.32,
    discoveryMedian: 550,
    livePerWeek: 1,
    products: 4,
    brandInvitationsPerMonth: 1,
  },
  '12k': {
    label: '12k followers',
    ageDays: 730,
    followersAtLink: 12_000,
    followersYearBefore: 4_300,
    postsPerWeek: 4,
    reachMedian: 0.32,
    discoveryMedian: 600,
    livePerWeek: 1.2,
    products: 6,
    brandInvitationsPerMonth: 1.5,
  },
  '250k': {
    label: '250k followers',
    ageDays: 1_100,
    followersAtLink: 250_000,
    followersYearBefore: 115_000,
    postsPerWeek: 7,
    reachMedian: 0.22,
    discoveryMedian: 2_500,
    livePerWeek: 3,
    products: 12,
    brandInvitationsPerMonth: 5,
  },
}

/** LIVE needs about 1,000 followers (PLATFORM-FACTS ⚠): no sessions below it. */
export const LIVE_MIN_FOLLOWERS = 1_000
/** Creator Rewards: 10k followers and 100k views in the last 30 days; videos over 1 minute. */
export const REWARDS_MIN_FOLLOWERS = 10_000
export const REWARDS_MIN_VIEWS_30D = 100_000
export const REWARDS_MIN_DURATION_SEC = 61
export const REWARDS_MIN_QUALIFIED_VIEWS = 1_000
/** Commissions settle about 15 days after delivery (PLATFORM-FACTS, Shop). */
export const SETTLEMENT_AFTER_DELIVERY_DAYS = 15
/** Brand invitations expire after 7 days unless answered. */
export const INVITATION_TTL_DAYS = 7
