import type { CollectionDocs } from './registry'
import { IDLE_PUBLISH_STATE } from './collections/posts'

/**
 * One valid document per collection, all in one workspace and account, with fixed ids: a fixture
 * for tests (schema checks, replication, server pushes) and for seeding demos. Fresh objects on
 * every call, so callers may mutate them.
 */
export const SAMPLE_IDS = {
  workspace: '01890a5d-ac96-774b-bcce-b302099a8057',
  account: '01890a5d-ac96-774b-bcce-b302099a8058',
  media: '01890a5d-ac96-774b-bcce-b302099a8059',
  project: '01890a5d-ac96-774b-bcce-b302099a805a',
  post: '01890a5d-ac96-774b-bcce-b302099a805b',
  metric: '01890a5d-ac96-774b-bcce-b302099a805c',
  ledger: '01890a5d-ac96-774b-bcce-b302099a805d',
  deal: '01890a5d-ac96-774b-bcce-b302099a805e',
  message: '01890a5d-ac96-774b-bcce-b302099a805f',
  product: '01890a5d-ac96-774b-bcce-b302099a8060',
  productTag: '01890a5d-ac96-774b-bcce-b302099a8061',
  deliverable: '01890a5d-ac96-774b-bcce-b302099a8062',
} as const

const T0 = 1_700_000_000_000

/** A November month of metric slots with one reading on `day` (1-based). */
function monthSlots(day: number, value: number): (number | null)[] {
  return Array.from({ length: 30 }, (_, i) => (i === day - 1 ? value : null))
}

export function sampleDocs(): CollectionDocs {
  const ids = SAMPLE_IDS
  const base = { workspaceId: ids.workspace, updatedAt: T0, _deleted: false }
  return {
    workspaces: {
      ...base,
      id: ids.workspace,
      name: 'Northside Creators',
      members: [
        {
          userId: 'user-owner',
          role: 'owner',
          accountIds: [],
          displayName: 'Olivia Owner',
          joinedAt: T0,
        },
        {
          userId: 'user-creator',
          role: 'creator',
          accountIds: [ids.account],
          displayName: 'Cam Creator',
          joinedAt: T0,
        },
      ],
    },
    accounts: {
      ...base,
      id: ids.account,
      accountId: ids.account,
      handle: 'cam.creates',
      displayName: 'Cam Creates',
      platform: 'sandbox',
      region: 'US',
      birthDate: '1999-04-12',
      ageVerified: false,
      accountType: 'personal',
      followerCount: null,
      platformAccountId: null,
      link: { state: 'unlinked', linkedAt: null, lastSyncedAt: null, problem: null },
    },
    media: {
      ...base,
      id: ids.media,
      accountId: ids.account,
      fileName: 'beach-sunset.mp4',
      kind: 'video',
      durationMs: 12_480,
      width: 1920,
      height: 1080,
      fps: 29.97,
      codecs: { video: 'h264', audio: 'aac' },
      rotation: 0,
      hasAudio: true,
      sizeBytes: 24_117_248,
      sha256: 'a'.repeat(64),
      thumbnailRef: null,
      remoteRef: null,
    },
    projects: {
      ...base,
      id: ids.project,
      accountId: ids.account,
      title: 'Sunset teaser',
      timeline: { version: 1, tracks: [] },
      exportedAt: null,
      exportRef: null,
      trashedAt: null,
    },
    posts: {
      ...base,
      id: ids.post,
      accountId: ids.account,
      projectId: ids.project,
      mediaId: null,
      caption: 'Golden hour 🌅',
      hashtags: ['sunset', 'travel'],
      privacy: null,
      allowComments: true,
      allowDuet: false,
      allowStitch: false,
      disclosure: { commercial: false, kind: null },
      musicConsent: false,
      productTags: [{ id: ids.productTag, productId: ids.product, atMs: 3_000 }],
      scheduledAt: null,
      approval: { state: 'draft', by: null, at: null, note: null },
      publish: { ...IDLE_PUBLISH_STATE },
    },
    metrics: {
      ...base,
      id: ids.metric,
      accountId: ids.account,
      postId: null,
      month: '2023-11',
      views: monthSlots(14, 10_500),
      likes: monthSlots(14, 900),
      comments: monthSlots(14, 41),
      shares: monthSlots(14, 12),
      saves: monthSlots(14, 30),
      watchTimeMs: monthSlots(14, 52_000_000),
      followers: monthSlots(14, 12_345),
      profileViews: monthSlots(14, 320),
    },
    ledger: {
      ...base,
      id: ids.ledger,
      accountId: ids.account,
      kind: 'commission',
      amountMinor: 1_250,
      currency: 'USD',
      diamonds: null,
      settlement: 'not_settled',
      occurredAt: T0,
      source: 'manual',
      refs: {
        postId: ids.post,
        dealId: null,
        productId: ids.product,
        orderId: 'ord-1',
        liveSessionId: null,
        externalId: null,
      },
      note: null,
    },
    deals: {
      ...base,
      id: ids.deal,
      accountId: ids.account,
      brand: 'Sunny Sips',
      title: 'Summer launch',
      state: 'negotiating',
      amountMinor: 150_000,
      currency: 'USD',
      deliverables: [
        {
          id: ids.deliverable,
          kind: 'video',
          description: '30 s review',
          dueAt: null,
          postId: null,
          done: false,
        },
      ],
      dueAt: null,
      notes: '',
    },
    messages: {
      ...base,
      id: ids.message,
      dealId: ids.deal,
      accountId: ids.account,
      author: { kind: 'user', userId: 'user-owner', name: 'Olivia Owner' },
      body: 'Can we move the deadline by a week?',
      sentAt: T0,
    },
    products: {
      ...base,
      id: ids.product,
      accountId: ids.account,
      title: 'Sunny Sips sampler',
      priceMinor: 2_499,
      currency: 'USD',
      commissionRateBps: 1_500,
      rateLockedUntil: null,
      shopProductId: null,
    },
  }
}
