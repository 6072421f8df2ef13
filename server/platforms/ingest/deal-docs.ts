import type { DealDoc } from '../../../shared/data/registry'
import type { DealActor, DealOffer } from '../../../shared/data/collections/deals'
import { whyNotMove } from '../../../shared/deals/pipeline'
import type { EventOf } from '../events'
import { stableDocId } from './stable-id'
import { base, clip, type IngestContext } from './to-docs'

/**
 * Brand events → deal documents. A deal is a document people edit, so ingest creates it once;
 * afterwards only what the brand itself says (a counter-offer) is added to it.
 */

export function dealId(ctx: IngestContext, invitationId: string, invitedAt: number): string {
  return stableDocId(ctx.accountId, `invitation:${invitationId}`, invitedAt)
}

export function brandActor(name: string): DealActor {
  return { kind: 'brand', userId: null, name: clip(name, 120) }
}

export const SYSTEM_ACTOR: DealActor = { kind: 'system', userId: null, name: 'Reeldesk' }

/**
 * A brand invitation becomes a deal at the `invitation` stage, with the brand's offer as the
 * first offer. One that is read after it expired (a backfill of last year) arrives expired.
 */
export function invitationDeal(ctx: IngestContext, event: EventOf<'brand.invitation'>): DealDoc {
  const id = dealId(ctx, event.invitationId, event.occurredAt)
  const brand = brandActor(event.brand)
  const expired = ctx.now >= event.expiresAt
  return {
    ...base(ctx, id),
    accountId: ctx.accountId,
    brand: clip(event.brand, 200),
    title: clip(event.title, 200),
    category: '',
    state: expired ? 'expired' : 'invitation',
    invitation: { id: clip(event.invitationId, 128), expiresAt: event.expiresAt },
    brief: clip(event.brief, 10_000),
    offers: [
      {
        id: stableDocId(ctx.accountId, event.id, event.occurredAt),
        from: 'brand',
        amountMinor: event.offerMinor,
        currency: event.currency,
        paymentTerms: event.paymentTerms,
        note: '',
        at: event.occurredAt,
        by: brand,
      },
    ],
    agreedOfferId: null,
    amountMinor: event.offerMinor,
    currency: event.currency,
    paymentTerms: event.paymentTerms,
    deliverables: event.deliverables.map((d, i) => ({
      id: stableDocId(
        ctx.accountId,
        `invitation:${event.invitationId}:deliverable:${i}`,
        event.occurredAt,
      ),
      kind: d.kind,
      description: clip(d.description, 2000),
      dueAt: d.dueAt,
      postId: null,
      projectId: null,
      done: false,
    })),
    dueAt: Math.max(...event.deliverables.map((d) => d.dueAt)),
    usage: { channels: ['organic', 'spark_ads'], durationDays: 30, perpetual: false },
    exclusivity: null,
    sparkCodes: [],
    history: [
      {
        id: stableDocId(ctx.accountId, `${event.id}:history:0`, event.occurredAt),
        from: null,
        to: 'invitation',
        at: event.occurredAt,
        by: brand,
        note: 'Invitation received',
      },
      ...(expired
        ? [
            {
              id: stableDocId(ctx.accountId, `${event.id}:history:expired`, event.expiresAt),
              from: 'invitation' as const,
              to: 'expired' as const,
              at: event.expiresAt,
              by: SYSTEM_ACTOR,
              note: 'Not answered within 7 days',
            },
          ]
        : []),
    ],
    reads: [],
    payment: null,
    notes: '',
  }
}

/** The brand's counter-offer as an offer on the deal (its id is stable: read twice, added once). */
export function brandOffer(ctx: IngestContext, event: EventOf<'brand.counter_offer'>): DealOffer {
  return {
    id: stableDocId(ctx.accountId, event.id, event.occurredAt),
    from: 'brand',
    amountMinor: event.offerMinor,
    currency: event.currency,
    paymentTerms: event.paymentTerms,
    note: clip(event.note, 2000),
    at: event.occurredAt,
    by: brandActor(event.from),
  }
}

/**
 * Adds the brand's offer to a deal that is still being negotiated; the current terms follow the
 * newest offer. A deal already agreed (or closed) keeps its terms: the offer is then only in the
 * message thread. Returns null when nothing changes.
 */
export function withBrandOffer(deal: DealDoc, offer: DealOffer, now: number): DealDoc | null {
  if (deal.offers.some((o) => o.id === offer.id)) return null
  if (deal.state !== 'invitation' && deal.state !== 'negotiating') return null
  if (deal.offers.length >= 50) return null
  return {
    ...deal,
    offers: [...deal.offers, offer].sort((a, b) => a.at - b.at),
    amountMinor: offer.amountMinor,
    currency: offer.currency,
    paymentTerms: offer.paymentTerms,
    updatedAt: Math.max(now, deal.updatedAt + 1),
  }
}

/**
 * An invitation nobody answered for 7 days expires (the system's move in the pipeline). Returns
 * null when the deal is not an open invitation past its expiry at `now`.
 */
export function expiredDeal(deal: DealDoc, now: number): DealDoc | null {
  if (deal.state !== 'invitation' || !deal.invitation || deal.invitation.expiresAt > now)
    return null
  return {
    ...deal,
    state: 'expired',
    history: [
      ...deal.history.slice(-99),
      {
        id: stableDocId(deal.accountId, `${deal.id}:expired`, deal.invitation.expiresAt),
        from: 'invitation',
        to: 'expired',
        at: deal.invitation.expiresAt,
        by: SYSTEM_ACTOR,
        note: 'Not answered within 7 days',
      },
    ],
    updatedAt: Math.max(now, deal.updatedAt + 1),
  }
}

/**
 * The brand accepted or declined one of the creator's counter-offers: the deal moves (contracted
 * on that offer's terms, or declined) by the brand, recorded in its history — along the same
 * pipeline table the push path uses. Null when the deal is no longer where that answer applies
 * (the team contracted or closed it meanwhile) or the offer is not on it.
 */
export function withBrandAnswer(
  deal: DealDoc,
  event: EventOf<'brand.offer_accepted'> | EventOf<'brand.offer_declined'>,
  now: number,
): DealDoc | null {
  const offer = deal.offers.find((o) => o.id === event.offerId && o.from === 'creator')
  if (!offer) return null
  const to = event.type === 'brand.offer_accepted' ? 'contracted' : 'declined'
  if (whyNotMove(deal.state, to, 'brand') !== null) return null
  const entry = {
    id: stableDocId(deal.accountId, `${event.id}:history`, event.occurredAt),
    from: deal.state,
    to,
    at: event.occurredAt,
    by: brandActor(event.from),
    note:
      to === 'contracted'
        ? 'The brand accepted your counter-offer'
        : 'The brand declined your counter-offer',
  } as const
  const agreed =
    to === 'contracted'
      ? {
          agreedOfferId: offer.id,
          amountMinor: offer.amountMinor,
          currency: offer.currency,
          paymentTerms: offer.paymentTerms,
        }
      : {}
  return {
    ...deal,
    ...agreed,
    state: to,
    history: [...deal.history.slice(-99), entry],
    updatedAt: Math.max(now, deal.updatedAt + 1),
  }
}
