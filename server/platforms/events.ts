import { z } from 'zod'

/**
 * The business-event feed a connector reports: what happened on the platform that is money or
 * work for the creator. Shapes are stable — the earnings, deals and shop areas consume them — and
 * validated when a connector hands them over. Every event has a platform-unique `id` (so a feed
 * read twice is written once), a `type` and `occurredAt` (epoch ms). Amounts are integer minor
 * units (cents) with an ISO currency; video ids are the platform's 19-digit ids as strings.
 */
const base = {
  id: z.string().min(1).max(128),
  occurredAt: z.int().min(0),
}
const minor = z.int().min(0).max(Number.MAX_SAFE_INTEGER)
const currency = z.string().regex(/^[A-Z]{3}$/)
const videoId = z.string().regex(/^\d{1,20}$/)
const count = z.int().min(0)

/** A LIVE session ended: its length and the gifts (in diamonds, the platform's own unit). */
export const liveSessionEvent = z.strictObject({
  ...base,
  type: z.literal('live.session'),
  sessionId: z.string().min(1).max(128),
  startedAt: z.int().min(0),
  durationSec: count,
  peakViewers: count,
  diamonds: count,
  giftCount: count,
  topGifters: count,
})

/** A video's Creator Rewards for one month: qualified views and the estimate, then the payment. */
export const rewardsVideoEvent = z.strictObject({
  ...base,
  type: z.literal('rewards.video'),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  videoId,
  qualifiedViews: count,
  /** Revenue per 1,000 qualified views, in minor units. */
  rpmMinor: minor,
  estimatedMinor: minor,
  paidMinor: minor,
  currency,
})

/** The month's Creator Rewards payment (the sum of that month's `rewards.video` payments). */
export const rewardsPaymentEvent = z.strictObject({
  ...base,
  type: z.literal('rewards.payment'),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  paidMinor: minor,
  currency,
})

/** A video no longer counts for Creator Rewards (e.g. not original, under 1 minute). */
export const rewardsDisqualifiedEvent = z.strictObject({
  ...base,
  type: z.literal('rewards.disqualified'),
  videoId,
  reason: z.string().min(1).max(500),
})

/** A product in the creator's showcase (new, or its price or commission rate changed). */
export const shopProductEvent = z.strictObject({
  ...base,
  type: z.literal('shop.product'),
  shopProductId: z.string().min(1).max(128),
  title: z.string().min(1).max(300),
  priceMinor: minor,
  currency,
  commissionRateBps: z.int().min(0).max(10_000),
  /** A rate cut keeps the old rate until then (the platform's 30-day lock); null otherwise. */
  rateLockedUntil: z.int().min(0).nullable(),
  available: z.boolean(),
})

/** An order attributed to the creator: commission = price paid (after coupons, no tax) × rate. */
export const shopOrderEvent = z.strictObject({
  ...base,
  type: z.literal('shop.order'),
  orderId: z.string().min(1).max(128),
  shopProductId: z.string().min(1).max(128),
  /** The video the buyer came from, if any. */
  videoId: videoId.nullable(),
  quantity: z.int().min(1),
  paidMinor: minor,
  currency,
  commissionRateBps: z.int().min(0).max(10_000),
  commissionMinor: minor,
  expectedSettlementAt: z.int().min(0),
})

export const shopOrderSettledEvent = z.strictObject({
  ...base,
  type: z.literal('shop.order.settled'),
  orderId: z.string().min(1).max(128),
  /** When the order was placed (its `shop.order` event's time). */
  orderedAt: z.int().min(0),
})

/** Refunded before or after settlement: the commission is reversed. */
export const shopOrderRefundedEvent = z.strictObject({
  ...base,
  type: z.literal('shop.order.refunded'),
  orderId: z.string().min(1).max(128),
  orderedAt: z.int().min(0),
})

export const PAYMENT_TERMS = ['upfront', '50/50', 'net 30', 'on delivery'] as const

/** A brand invites the creator to a paid collaboration (expires unless answered). */
export const brandInvitationEvent = z.strictObject({
  ...base,
  type: z.literal('brand.invitation'),
  invitationId: z.string().min(1).max(128),
  brand: z.string().min(1).max(200),
  title: z.string().min(1).max(200),
  brief: z.string().min(1).max(5_000),
  offerMinor: minor,
  currency,
  paymentTerms: z.enum(PAYMENT_TERMS),
  deliverables: z
    .array(
      z.strictObject({
        kind: z.enum(['video', 'live', 'story']),
        description: z.string().min(1).max(2_000),
        dueAt: z.int().min(0),
      }),
    )
    .min(1)
    .max(10),
  expiresAt: z.int().min(0),
})

/** The brand changes its offer (after the creator's counter, or on its own). */
export const brandCounterOfferEvent = z.strictObject({
  ...base,
  type: z.literal('brand.counter_offer'),
  invitationId: z.string().min(1).max(128),
  /** When the invitation arrived (its `brand.invitation` event's time). */
  invitedAt: z.int().min(0),
  from: z.string().min(1).max(120),
  offerMinor: minor,
  currency,
  paymentTerms: z.enum(PAYMENT_TERMS),
  note: z.string().max(2_000),
})

export const brandMessageEvent = z.strictObject({
  ...base,
  type: z.literal('brand.message'),
  invitationId: z.string().min(1).max(128),
  invitedAt: z.int().min(0),
  from: z.string().min(1).max(120),
  body: z.string().min(1).max(20_000),
})

/** The brand accepted one of the creator's counter-offers (`offerId`: the id we sent it under). */
export const brandOfferAcceptedEvent = z.strictObject({
  ...base,
  type: z.literal('brand.offer_accepted'),
  invitationId: z.string().min(1).max(128),
  invitedAt: z.int().min(0),
  from: z.string().min(1).max(120),
  offerId: z.string().min(1).max(128),
  note: z.string().max(2_000),
})

/** The brand turned the creator's counter-offer down and ends the conversation. */
export const brandOfferDeclinedEvent = z.strictObject({
  ...base,
  type: z.literal('brand.offer_declined'),
  invitationId: z.string().min(1).max(128),
  invitedAt: z.int().min(0),
  from: z.string().min(1).max(120),
  offerId: z.string().min(1).max(128),
  note: z.string().max(2_000),
})

export const platformEventSchema = z.discriminatedUnion('type', [
  liveSessionEvent,
  rewardsVideoEvent,
  rewardsPaymentEvent,
  rewardsDisqualifiedEvent,
  shopProductEvent,
  shopOrderEvent,
  shopOrderSettledEvent,
  shopOrderRefundedEvent,
  brandInvitationEvent,
  brandCounterOfferEvent,
  brandMessageEvent,
  brandOfferAcceptedEvent,
  brandOfferDeclinedEvent,
])

export type PlatformEvent = z.infer<typeof platformEventSchema>
export type PlatformEventType = PlatformEvent['type']
export type EventOf<T extends PlatformEventType> = Extract<PlatformEvent, { type: T }>
