import type { LedgerEntryDoc, MessageDoc, PostDoc, ProductDoc } from '../../../shared/data/registry'
import { EMPTY_DETAIL } from '../../../shared/data/collections/ledger'
import {
  DRAFT_APPROVAL,
  HASHTAG_PATTERN,
  IDLE_PUBLISH_STATE,
  MAX_CAPTION,
  MAX_HASHTAGS,
} from '../../../shared/data/collections/posts'
import { codePointLength } from '../../../shared/data/fields'
import { DIAMOND_CASH_RATE_DEFAULT } from '../../../shared/platform/tiktok-facts'
import type { PlatformVideo } from '../connector'
import { withReportedRate } from '../../../shared/shop/commission'
import type { EventOf } from '../events'
import { dealId } from './deal-docs'
import { stableDocId } from './stable-id'

/**
 * Connector data → workspace documents, in the shapes the collections hold today. Pure: the same
 * input (and `now`) gives byte-identical documents. Ids are stable (stable-id.ts), so a repeated
 * sync rewrites, never duplicates.
 */
export interface IngestContext {
  workspaceId: string
  accountId: string
  /** The sync's clock time: `updatedAt` of what it writes. */
  now: number
}

export function clip(text: string, max: number): string {
  return codePointLength(text) <= max ? text : [...text].slice(0, max - 1).join('') + '…'
}

export function base(ctx: IngestContext, id: string) {
  return { id, workspaceId: ctx.workspaceId, updatedAt: ctx.now, _deleted: false as const }
}

export function videoPostId(ctx: IngestContext, video: { id: string; createdAt: number }): string {
  return stableDocId(ctx.accountId, `video:${video.id}`, video.createdAt)
}

/** Hashtags from a caption: valid ones, unique, in order, at most the schema's limit. */
export function hashtagsOf(text: string): string[] {
  const tags: string[] = []
  for (const match of text.matchAll(/#([^\s#]{1,100})/gu)) {
    const tag = match[1] ?? ''
    if (HASHTAG_PATTERN.test(tag) && !tags.includes(tag)) tags.push(tag)
    if (tags.length === MAX_HASHTAGS) break
  }
  return tags
}

/**
 * A video posted on the platform outside Reeldesk becomes a published post, so analytics, deals
 * and shop entries can point at it. Written once: later syncs never overwrite a person's edits.
 */
export function externalPostDoc(ctx: IngestContext, video: PlatformVideo): PostDoc {
  return {
    ...base(ctx, videoPostId(ctx, video)),
    updatedAt: video.createdAt,
    accountId: ctx.accountId,
    projectId: null,
    mediaId: null,
    video: null,
    coverMs: null,
    caption: clip(video.title, MAX_CAPTION),
    hashtags: hashtagsOf(video.title),
    privacy: 'public',
    allowComments: true,
    allowDuet: true,
    allowStitch: true,
    disclosure: { commercial: false, yourBrand: false, brandedContent: false },
    musicConsent: false,
    productTags: [],
    mode: 'direct',
    scheduledAt: null,
    scheduleZone: null,
    release: null,
    approval: { ...DRAFT_APPROVAL, state: 'approved', note: 'Posted on the platform directly' },
    comments: [],
    publish: {
      ...IDLE_PUBLISH_STATE,
      state: 'published',
      platformPostId: video.id,
      publishedAt: video.createdAt,
    },
  }
}

function ledgerBase(ctx: IngestContext, id: string, occurredAt: number) {
  return {
    ...base(ctx, id),
    accountId: ctx.accountId,
    occurredAt,
    source: 'connector' as const,
  }
}

const refsNone = {
  postId: null,
  dealId: null,
  productId: null,
  orderId: null,
  liveSessionId: null,
  externalId: null,
}

/**
 * A LIVE session's gifts. Diamonds are the truth; `amountMinor` is their value at the default
 * rate (PLATFORM-FACTS: no official rate, ≈ USD 0.005 each), which the earnings views re-value
 * at the workspace's own rate.
 */
export function giftEntry(ctx: IngestContext, event: EventOf<'live.session'>): LedgerEntryDoc {
  const rate = DIAMOND_CASH_RATE_DEFAULT
  const minutes = Math.round(event.durationSec / 60)
  return {
    ...ledgerBase(ctx, stableDocId(ctx.accountId, event.id, event.occurredAt), event.occurredAt),
    kind: 'gift',
    // micro-units per diamond → cents: 10,000 micro-units make a cent.
    amountMinor: Math.round((event.diamonds * rate.microsPerDiamond) / 10_000),
    currency: rate.currency,
    diamonds: event.diamonds,
    settlement: null,
    refs: { ...refsNone, liveSessionId: event.sessionId, externalId: event.id },
    detail: { ...EMPTY_DETAIL, durationSec: event.durationSec, topGifters: event.topGifters },
    note: `LIVE ${minutes} min · ${event.giftCount.toLocaleString('en-US')} gifts · ${event.topGifters} top gifters · peak ${event.peakViewers.toLocaleString('en-US')} viewers`,
  }
}

export function money(minor: number, currency: string): string {
  return `${currency} ${(minor / 100).toFixed(2)}`
}

export function rewardEntry(
  ctx: IngestContext,
  event: EventOf<'rewards.video'>,
  postId: string | null,
): LedgerEntryDoc {
  return {
    ...ledgerBase(ctx, stableDocId(ctx.accountId, event.id, event.occurredAt), event.occurredAt),
    kind: 'reward',
    amountMinor: event.paidMinor,
    currency: event.currency,
    diamonds: null,
    settlement: null,
    refs: { ...refsNone, postId, externalId: event.id },
    detail: {
      ...EMPTY_DETAIL,
      month: event.month,
      qualifiedViews: event.qualifiedViews,
      rpmMinor: event.rpmMinor,
      estimatedMinor: event.estimatedMinor,
    },
    note: `Creator Rewards ${event.month}: ${event.qualifiedViews.toLocaleString('en-US')} qualified views at RPM ${money(event.rpmMinor, event.currency)} (estimated ${money(event.estimatedMinor, event.currency)})`,
  }
}

/**
 * A video taken out of Creator Rewards: a zero entry that carries the reason, so the month's
 * reconciliation and the alerts can name it (the reported estimate never becomes a payment).
 */
export function disqualifiedEntry(
  ctx: IngestContext,
  event: EventOf<'rewards.disqualified'>,
  postId: string | null,
): LedgerEntryDoc {
  // The event names no month: disqualifications are reported with the rewards of the month
  // before (paid mid-month), and the entry is zero, so its currency is the reporting one.
  const at = new Date(event.occurredAt)
  const month = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1))
    .toISOString()
    .slice(0, 7)
  const currencyCode = DIAMOND_CASH_RATE_DEFAULT.currency
  return {
    ...ledgerBase(ctx, stableDocId(ctx.accountId, event.id, event.occurredAt), event.occurredAt),
    kind: 'reward',
    amountMinor: 0,
    currency: currencyCode,
    diamonds: null,
    settlement: null,
    refs: { ...refsNone, postId, externalId: event.id },
    detail: { ...EMPTY_DETAIL, month, disqualified: event.reason },
    note: `Creator Rewards ${month}: video disqualified (${event.reason})`,
  }
}

export function orderEntryId(ctx: IngestContext, orderId: string, orderedAt: number): string {
  return stableDocId(ctx.accountId, `order:${orderId}`, orderedAt)
}

export function commissionEntry(
  ctx: IngestContext,
  event: EventOf<'shop.order'>,
  refs: { postId: string | null; productId: string | null },
): LedgerEntryDoc {
  return {
    ...ledgerBase(ctx, orderEntryId(ctx, event.orderId, event.occurredAt), event.occurredAt),
    kind: 'commission',
    amountMinor: event.commissionMinor,
    currency: event.currency,
    diamonds: null,
    settlement: 'not_settled',
    refs: { ...refsNone, ...refs, orderId: event.orderId, externalId: event.id },
    detail: {
      ...EMPTY_DETAIL,
      paidPriceMinor: event.paidMinor,
      rateBps: event.commissionRateBps,
      expectedSettlementAt: event.expectedSettlementAt,
    },
    note: `Order of ${event.quantity} · paid ${money(event.paidMinor, event.currency)} · ${(event.commissionRateBps / 100).toFixed(1)} % commission · settles around ${new Date(event.expectedSettlementAt).toISOString().slice(0, 10)}`,
  }
}

export function productDoc(
  ctx: IngestContext,
  event: EventOf<'shop.product'>,
  existingId: string | null,
): ProductDoc {
  return {
    ...base(
      ctx,
      existingId ?? stableDocId(ctx.accountId, `product:${event.shopProductId}`, event.occurredAt),
    ),
    accountId: ctx.accountId,
    title: clip(event.title, 300),
    priceMinor: event.priceMinor,
    currency: event.currency,
    ...withReportedRate(null, event, event.occurredAt),
    shopProductId: event.shopProductId,
    available: event.available,
    stock: null,
    imageUrl: null,
    source: 'showcase',
  }
}

export function brandMessage(
  ctx: IngestContext,
  event:
    | EventOf<'brand.message'>
    | EventOf<'brand.counter_offer'>
    | EventOf<'brand.offer_accepted'>
    | EventOf<'brand.offer_declined'>,
): MessageDoc {
  const body =
    event.type === 'brand.message'
      ? event.body
      : event.type === 'brand.counter_offer'
        ? `${event.note}\n\nRevised offer: ${money(event.offerMinor, event.currency)}, payment ${event.paymentTerms}.`
        : event.note ||
          (event.type === 'brand.offer_accepted'
            ? 'We accept your offer.'
            : 'We are declining your offer.')
  return {
    ...base(ctx, stableDocId(ctx.accountId, event.id, event.occurredAt)),
    dealId: dealId(ctx, event.invitationId, event.invitedAt),
    accountId: ctx.accountId,
    author: { kind: 'brand', userId: null, name: clip(event.from, 120) },
    audience: 'brand',
    body: clip(body, 20_000),
    sentAt: event.occurredAt,
    delivery: null,
  }
}
