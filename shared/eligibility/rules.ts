import type { Confidence } from '../platform/tiktok-facts'

/**
 * Monetization programs' criteria as versioned data (PLATFORM-FACTS, "Monetization
 * eligibility"). Changing a threshold is a change here — with its source and the date it took
 * effect — and a test, never code. `uncertain` says why a number is shown as uncertain (regional
 * variants, sources that disagree); every threshold may be overridden per workspace.
 */
export type MetricKey =
  | 'age'
  | 'followers'
  | 'views30d'
  | 'viewsLastMonth'
  | 'accountAgeDays'
  | 'posts30d'
  | 'region'
  | 'goodStanding'

export interface MinCriterion {
  kind: 'min'
  id: string
  label: string
  metric: Exclude<MetricKey, 'region' | 'goodStanding'>
  threshold: number
  /** Region (ISO 3166) → threshold, where it differs. */
  regional?: Readonly<Record<string, number>>
  /** Grows with the account's activity: an unmet one gets a projected date. */
  growth: boolean
  unit: string
  source: string
  confidence: Confidence
  uncertain?: string
  effectiveFrom: string
}

export interface RegionCriterion {
  kind: 'region'
  id: string
  label: string
  metric: 'region'
  regions: readonly string[]
  source: string
  confidence: Confidence
  uncertain?: string
  effectiveFrom: string
}

/** Something only the creator can confirm (the platform reports it to no app). */
export interface ConfirmCriterion {
  kind: 'confirm'
  id: string
  label: string
  metric: 'goodStanding'
  source: string
  confidence: Confidence
  effectiveFrom: string
}

export type Criterion = MinCriterion | RegionCriterion | ConfirmCriterion

export interface Program {
  id: string
  name: string
  /** Bumped with every change to this program's criteria. */
  version: number
  criteria: readonly Criterion[]
  /** Weekly quotas while on a pilot (TikTok Shop US under 5,000 followers). */
  pilot?: {
    belowFollowers: number
    weekly: { liveSellingStreams: number; shoppableVideos: number }
    source: string
  }
  notes?: string
}

const FACTS = 'PLATFORM-FACTS, Monetization eligibility'

const age18 = (id = 'age', kr19 = true): MinCriterion => ({
  kind: 'min',
  id,
  label: 'Age',
  metric: 'age',
  threshold: 18,
  ...(kr19 ? { regional: { KR: 19 } } : {}),
  growth: false,
  unit: 'years',
  source: FACTS,
  confidence: 'secondary',
  ...(kr19 ? { uncertain: 'South Korea: 19+' } : {}),
  effectiveFrom: '2024-01-01',
})

const goodStanding: ConfirmCriterion = {
  kind: 'confirm',
  id: 'standing',
  label: 'Account in good standing',
  metric: 'goodStanding',
  source: `${FACTS} (no community-guidelines strikes; the platform reports this to no app)`,
  confidence: 'secondary',
  effectiveFrom: '2024-01-01',
}

export const PROGRAMS: readonly Program[] = [
  {
    id: 'creator_rewards',
    name: 'Creator Rewards',
    version: 1,
    criteria: [
      age18(),
      {
        kind: 'min',
        id: 'followers',
        label: 'Followers',
        metric: 'followers',
        threshold: 10_000,
        regional: { JP: 50_000, KR: 50_000 },
        growth: true,
        unit: 'followers',
        source: FACTS,
        confidence: 'secondary',
        uncertain: 'Japan and South Korea: 50,000 (secondary sources)',
        effectiveFrom: '2024-01-01',
      },
      {
        kind: 'min',
        id: 'views30d',
        label: 'Video views in the last 30 days',
        metric: 'views30d',
        threshold: 100_000,
        growth: true,
        unit: 'views',
        source: FACTS,
        confidence: 'secondary',
        effectiveFrom: '2024-01-01',
      },
      {
        kind: 'region',
        id: 'region',
        label: 'Available in your region',
        metric: 'region',
        regions: ['US', 'GB', 'DE', 'JP', 'KR', 'FR', 'BR'],
        source: FACTS,
        confidence: 'uncertain',
        uncertain: 'The region list comes from secondary sources and changes',
        effectiveFrom: '2024-01-01',
      },
      goodStanding,
    ],
    notes:
      'Only original videos over 1 minute earn; a view counts after 5 s (1,000-view minimum per video).',
  },
  {
    id: 'subscriptions',
    name: 'Subscriptions',
    version: 1,
    criteria: [
      age18('age', false),
      {
        kind: 'min',
        id: 'followers',
        label: 'Followers',
        metric: 'followers',
        threshold: 10_000,
        growth: true,
        unit: 'followers',
        source: FACTS,
        confidence: 'uncertain',
        uncertain:
          'The original LIVE subscription needed 1,000 followers; LIVE eligibility may also qualify',
        effectiveFrom: '2024-01-01',
      },
      {
        kind: 'min',
        id: 'viewsLastMonth',
        label: 'Video views last calendar month',
        metric: 'viewsLastMonth',
        threshold: 100_000,
        growth: false,
        unit: 'views',
        source: FACTS,
        confidence: 'secondary',
        effectiveFrom: '2024-01-01',
      },
      goodStanding,
    ],
  },
  {
    id: 'series',
    name: 'Series',
    version: 1,
    criteria: [
      age18('age', false),
      {
        kind: 'min',
        id: 'accountAge',
        label: 'Account age',
        metric: 'accountAgeDays',
        threshold: 30,
        growth: false,
        unit: 'days',
        source: FACTS,
        confidence: 'secondary',
        effectiveFrom: '2024-01-01',
      },
      {
        kind: 'min',
        id: 'followers',
        label: 'Followers',
        metric: 'followers',
        threshold: 10_000,
        growth: true,
        unit: 'followers',
        source: FACTS,
        confidence: 'secondary',
        effectiveFrom: '2024-01-01',
      },
      {
        kind: 'min',
        id: 'views30d',
        label: 'Video views in the last 30 days',
        metric: 'views30d',
        threshold: 1_000,
        growth: true,
        unit: 'views',
        source: FACTS,
        confidence: 'secondary',
        effectiveFrom: '2024-01-01',
      },
      goodStanding,
    ],
    notes:
      'Up to 80 videos of up to 20 minutes per series (sources disagree on the number of posts and prices).',
  },
  {
    id: 'live_gifts',
    name: 'LIVE gifts',
    version: 1,
    criteria: [
      age18('age', false),
      {
        kind: 'min',
        id: 'followers',
        label: 'Followers (to go LIVE)',
        metric: 'followers',
        threshold: 1_000,
        growth: true,
        unit: 'followers',
        source: FACTS,
        confidence: 'uncertain',
        uncertain:
          'Going LIVE needs about 1,000 followers; the platform does not publish the number',
        effectiveFrom: '2024-01-01',
      },
      goodStanding,
    ],
    notes: 'Gifts arrive as diamonds; the platform publishes no cash rate.',
  },
  {
    id: 'creator_marketplace',
    name: 'Creator Marketplace (brand collaborations)',
    version: 1,
    criteria: [
      age18(),
      {
        kind: 'min',
        id: 'followers',
        label: 'Followers',
        metric: 'followers',
        threshold: 10_000,
        regional: { KR: 50_000 },
        growth: true,
        unit: 'followers',
        source: `${FACTS} (TikTok One) [official]`,
        confidence: 'official',
        effectiveFrom: '2024-01-01',
      },
      {
        kind: 'min',
        id: 'views30d',
        label: 'Post views in the last 30 days',
        metric: 'views30d',
        threshold: 1_000,
        growth: true,
        unit: 'views',
        source: `${FACTS} (TikTok One) [official]`,
        confidence: 'official',
        effectiveFrom: '2024-01-01',
      },
      {
        kind: 'min',
        id: 'posts30d',
        label: 'Posts in the last 30 days',
        metric: 'posts30d',
        threshold: 3,
        growth: false,
        unit: 'posts',
        source: `${FACTS} (TikTok One) [official]`,
        confidence: 'official',
        effectiveFrom: '2024-01-01',
      },
    ],
  },
  {
    id: 'shop_affiliate',
    name: 'TikTok Shop affiliate (US)',
    version: 1,
    criteria: [
      age18('age', false),
      {
        kind: 'min',
        id: 'followers',
        label: 'Followers',
        metric: 'followers',
        threshold: 1_000,
        growth: true,
        unit: 'followers',
        source: `${FACTS} (TikTok Shop US, 2025-12) [official]`,
        confidence: 'official',
        effectiveFrom: '2025-12-01',
      },
      {
        kind: 'region',
        id: 'region',
        label: 'United States account',
        metric: 'region',
        regions: ['US'],
        source: `${FACTS} (TikTok Shop US)`,
        confidence: 'official',
        effectiveFrom: '2025-12-01',
      },
    ],
    pilot: {
      belowFollowers: 5_000,
      weekly: { liveSellingStreams: 3, shoppableVideos: 5 },
      source: `${FACTS} (TikTok Shop US 30-day Pilot, 2025-12) [official]`,
    },
  },
]
