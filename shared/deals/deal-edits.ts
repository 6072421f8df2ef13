import type {
  DealActor,
  DealDoc,
  DealOffer,
  DealPaymentTerms,
  DealStage,
} from '../data/collections/deals'

/**
 * The edits the Deals screen makes, as pure functions of the stored deal: each returns the deal
 * to push, shaped the way the server's pipeline rule (shared/workflow/deal-transitions.ts)
 * accepts it. Ids come from the caller (UUIDv7s made where randomness lives).
 */

export function actorOf(userId: string, name: string): DealActor {
  return { kind: 'user', userId, name }
}

/** Moves the deal to `to`, recording the move in its history. */
export function moveDeal(
  deal: DealDoc,
  to: DealStage,
  by: DealActor,
  at: number,
  entryId: string,
  note = '',
): DealDoc {
  return {
    ...deal,
    state: to,
    updatedAt: at,
    history: [
      ...deal.history.slice(-99),
      { id: entryId, from: deal.state, to, at, by, note: note.slice(0, 500) },
    ],
  }
}

export interface CounterInput {
  amountMinor: number
  currency: string
  paymentTerms: DealPaymentTerms | null
  note: string
}

/**
 * The creator's counter-offer: added to the offers, the current terms follow it, and an
 * invitation answered this way moves to negotiating.
 */
export function counterOffer(
  deal: DealDoc,
  input: CounterInput,
  by: DealActor,
  at: number,
  ids: { offerId: string; entryId: string },
): DealDoc {
  const offer: DealOffer = {
    id: ids.offerId,
    from: 'creator',
    amountMinor: input.amountMinor,
    currency: input.currency,
    paymentTerms: input.paymentTerms,
    note: input.note.slice(0, 2000),
    at,
    by,
  }
  const withOffer: DealDoc = {
    ...deal,
    offers: [...deal.offers, offer],
    amountMinor: offer.amountMinor,
    currency: offer.currency,
    paymentTerms: offer.paymentTerms,
    updatedAt: at,
  }
  return deal.state === 'invitation'
    ? moveDeal(withOffer, 'negotiating', by, at, ids.entryId, 'Counter-offer sent')
    : withOffer
}

/** Accepts one of the offers: the deal is contracted on its terms. */
export function acceptOffer(
  deal: DealDoc,
  offerId: string,
  by: DealActor,
  at: number,
  entryId: string,
): DealDoc {
  const offer = deal.offers.find((o) => o.id === offerId)
  if (!offer) throw new Error('that offer is not on this deal')
  return moveDeal(
    {
      ...deal,
      agreedOfferId: offer.id,
      amountMinor: offer.amountMinor,
      currency: offer.currency,
      paymentTerms: offer.paymentTerms,
    },
    'contracted',
    by,
    at,
    entryId,
    'Offer accepted',
  )
}

/** The newest offer: the one on the table. */
export function latestOffer(deal: DealDoc): DealOffer | undefined {
  return [...deal.offers].sort((a, b) => a.at - b.at).at(-1)
}

/** Marks the thread read up to `at` for this member. */
export function markRead(deal: DealDoc, userId: string, at: number): DealDoc {
  return {
    ...deal,
    reads: [...deal.reads.filter((r) => r.id !== userId), { id: userId, at }].slice(-200),
  }
}

/** When the member last read the deal's thread (0: never). */
export function readAt(deal: DealDoc, userId: string): number {
  return deal.reads.find((r) => r.id === userId)?.at ?? 0
}

/** Messages in the thread the member has not read: others' messages newer than their mark. */
export function unreadCount(
  deal: DealDoc,
  messages: readonly { sentAt: number; author: { userId: string | null } }[],
  userId: string,
): number {
  const since = readAt(deal, userId)
  return messages.filter((m) => m.sentAt > since && m.author.userId !== userId).length
}
