import type { DealDoc, DealHistoryEntry } from '../data/collections/deals'
import { jsonEqual } from '../data/merge'
import { canCreateAt, OPEN_TERMS_STAGES, STAGE_LABELS, whyNotMove } from '../deals/pipeline'
import { allow, isDeletion, refuse, type Actor, type Transition } from './transition'

/**
 * The deal pipeline on the push path. A member moves a deal only along DEAL_MOVES, recording the
 * move in the history (the server fills in who: the pushing member, under their current name);
 * the history, the offers already made and the agreed terms cannot be rewritten; a member adds
 * only their own side's offers, and only while the terms are open; each member moves only their
 * own read mark. Paid is reached through "Record payment" (the server writes the earnings entry
 * with it), never by a push.
 */
export function checkDealTransition(
  actor: Actor,
  before: DealDoc | undefined,
  after: DealDoc,
): Transition<DealDoc> {
  const who = { kind: 'user' as const, userId: actor.userId, name: actor.displayName }
  if (before === undefined) {
    if (!canCreateAt(after.state) || after.state === 'paid')
      return refuse(
        `a new deal cannot start as ${STAGE_LABELS[after.state].toLowerCase()}: start it as an invitation, in negotiation or contracted`,
      )
    if (after.offers.some((o) => o.from !== 'creator'))
      return refuse("a brand's offers arrive from the platform; record yours as the creator's")
    // Its history is empty or its one entry says how it began, under the creating member's name.
    const first = after.history[0]
    if (after.history.length > 1 || (first && (first.from !== null || first.to !== after.state)))
      return refuse("a new deal's history can only record how it began")
    return allow({
      ...after,
      offers: after.offers.map((o) => ({ ...o, by: who })),
      history: first ? [{ ...first, at: after.updatedAt, by: who }] : [],
      reads: after.reads.filter((r) => r.id === actor.userId),
    })
  }
  if (isDeletion(before, after)) return allow(after)
  if (before.accountId !== after.accountId)
    return refuse('a deal cannot move to another account; record it again there')

  // Offers: the ones made stay as they were; new ones are the creator side's, while terms are open.
  const beforeOffers = new Map(before.offers.map((o) => [o.id, o]))
  for (const old of before.offers) {
    const now = after.offers.find((o) => o.id === old.id)
    if (!now || !jsonEqual(now, old)) return refuse('an offer already made cannot be changed')
  }
  const added = after.offers.filter((o) => !beforeOffers.has(o.id))
  if (added.length > 0) {
    if (!OPEN_TERMS_STAGES.includes(before.state))
      return refuse(
        `the terms were agreed when the deal was contracted: no new offers (the deal is ${STAGE_LABELS[before.state].toLowerCase()})`,
      )
    if (added.some((o) => o.from !== 'creator'))
      return refuse("a brand's offers arrive from the platform; record yours as the creator's")
  }
  const offers = after.offers.map((o) => (beforeOffers.has(o.id) ? o : { ...o, by: who }))

  // Stage changes: along the table, each recorded by one new history entry (several at once when
  // the member moved the deal more than one step before this push, e.g. offline); otherwise the
  // history stands as stored.
  const newEntries = after.history.filter((h) => !before.history.some((b) => b.id === h.id))
  let history: DealHistoryEntry[] = before.history
  if (after.state !== before.state) {
    if (after.state === 'paid')
      return refuse('use Record payment to mark a deal paid: it also writes the earnings entry')
    if (newEntries.length === 0) return refuse('a change of stage needs its history entry')
    let at = before.state
    for (const entry of newEntries) {
      if (entry.from !== at) return refuse('the history entries of a change must follow each other')
      const why = whyNotMove(at, entry.to, 'member', before.invitation?.expiresAt)
      if (why) return refuse(why)
      at = entry.to
    }
    if (at !== after.state) return refuse('the history must end at the stage the deal is in')
    history = [...before.history, ...newEntries.map((entry) => ({ ...entry, by: who }))].slice(-100)
  } else if (newEntries.length > 0) {
    return refuse('the history records changes of stage only')
  }
  if (added.length > 0 && after.state === 'invitation')
    return refuse('answering an invitation with a counter-offer moves it to negotiating')

  // Agreed terms: chosen when the deal is contracted, from the offers made, then fixed.
  let { agreedOfferId, amountMinor, currency, paymentTerms } = after
  const contractsNow = newEntries.some((h) => h.to === 'contracted')
  if (before.agreedOfferId !== null) {
    agreedOfferId = before.agreedOfferId
  } else if (agreedOfferId !== null) {
    if (!contractsNow) return refuse('the agreed offer is chosen when the deal is contracted')
  } else if (contractsNow && offers.length > 0) {
    return refuse('choose the offer you agreed to when you contract the deal')
  }
  const agreed = offers.find((o) => o.id === agreedOfferId)
  if (agreedOfferId !== null && !agreed) return refuse('the agreed offer is not one of the offers')
  if (agreed) {
    amountMinor = agreed.amountMinor
    currency = agreed.currency
    paymentTerms = agreed.paymentTerms
  } else if (added.length > 0) {
    // While negotiating, the current terms are the newest offer's.
    const newest = [...offers].sort((a, b) => a.at - b.at).at(-1)
    if (newest) {
      amountMinor = newest.amountMinor
      currency = newest.currency
      paymentTerms = newest.paymentTerms
    }
  }

  // Read marks: each member moves only their own.
  const mine = after.reads.find((r) => r.id === actor.userId)
  const reads = [...before.reads.filter((r) => r.id !== actor.userId), ...(mine ? [mine] : [])]

  return allow({
    ...after,
    offers,
    history,
    agreedOfferId,
    amountMinor,
    currency,
    paymentTerms,
    reads: reads.slice(-200),
  })
}
