import { PAYMENT_TERMS, type PlatformEvent } from '../events'
import { stream } from './random'
import type { Simulation } from './simulation'
import { ACCEPT_NOTES, BRAND_ANSWERS, DECLINE_NOTES, HALFWAY_NOTES } from './vocabulary'

/**
 * How a sandbox brand answers the team's replies (a pure function of the account's seed and the
 * replies the sandbox received): each reply is answered after a simulated delay, in the order
 * they were sent. A counter-offer is accepted, met halfway or declined depending on how far it
 * is above the brand's standing offer, with a seeded draw — same seed, same replies, same
 * answers. A message gets a short answer. The model's numbers are the sandbox's own (a
 * simulation, not platform facts).
 */

export interface SandboxReply {
  replyId: string
  invitationId: string
  kind: 'offer' | 'message'
  amountMinor: number | null
  currency: string | null
  paymentTerms: string | null
  body: string
  sentAt: number
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** How long a brand takes to answer a counter-offer, and a message. */
export const OFFER_ANSWER_DELAY_MS = { min: 20 * MINUTE, max: 4 * HOUR } as const
export const MESSAGE_ANSWER_DELAY_MS = { min: 10 * MINUTE, max: 3 * HOUR } as const
/** Asks up to this much above the standing offer are usually accepted outright. */
const CLOSE_ENOUGH = 1.15
/** Asks beyond this are usually declined. */
const TOO_FAR = 1.6
/** Halfway counters a brand makes before it settles (accepts or walks away). */
const MAX_ROUNDS = 2
/** Brands round their offers to whole tens (in minor units: 1,000). */
const ROUND_TO = 1_000

type Terms = (typeof PAYMENT_TERMS)[number]
const isTerms = (t: string | null): t is Terms =>
  t !== null && (PAYMENT_TERMS as readonly string[]).includes(t)

type Decision = 'accept' | 'counter' | 'decline'

function decide(ratio: number, rounds: number, p: number): Decision {
  if (ratio <= 1) return 'accept'
  if (ratio <= CLOSE_ENOUGH) return p < 0.6 ? 'accept' : 'counter'
  if (ratio <= TOO_FAR) {
    if (rounds < MAX_ROUNDS) return 'counter'
    return p < 0.5 ? 'accept' : 'decline'
  }
  return p < 0.6 || rounds >= MAX_ROUNDS ? 'decline' : 'counter'
}

/** The brands' answers to `replies` (any order), sorted by time. */
export function brandAnswers(sim: Simulation, replies: readonly SandboxReply[]): PlatformEvent[] {
  const byInvitation = new Map<string, SandboxReply[]>()
  for (const reply of replies)
    byInvitation.set(reply.invitationId, [...(byInvitation.get(reply.invitationId) ?? []), reply])
  const out: PlatformEvent[] = []
  for (const [invitationId, group] of byInvitation) {
    const thread = sim.brandThread(invitationId)
    if (!thread) continue
    const { invitation, counters } = thread
    const from = counters[0]?.from ?? `${invitation.brand} partnerships`
    const common = { invitationId, invitedAt: invitation.occurredAt, from }
    let standing = { amountMinor: invitation.offerMinor, terms: invitation.paymentTerms }
    let rounds = 0
    let closed = false
    let busyUntil = 0
    group.sort((a, b) => a.sentAt - b.sentAt || (a.replyId < b.replyId ? -1 : 1))
    for (const reply of group) {
      const r = stream(sim.identity.seed, 'brand-answer', invitationId, reply.replyId)
      const delay = reply.kind === 'offer' ? OFFER_ANSWER_DELAY_MS : MESSAGE_ANSWER_DELAY_MS
      // A brand answers one thing at a time, in the order it received them.
      const at = Math.max(reply.sentAt, busyUntil) + Math.round(r.between(delay.min, delay.max))
      const id = `brand.${invitationId}.answer.${reply.replyId}`
      if (reply.kind === 'message') {
        busyUntil = at
        out.push({
          ...common,
          id,
          type: 'brand.message',
          occurredAt: at,
          body: r.pick(BRAND_ANSWERS),
        })
        continue
      }
      // Its own unprompted counter-offers, made before this reply, are its standing offer.
      for (const c of counters)
        if (c.occurredAt <= reply.sentAt && rounds === 0)
          standing = { amountMinor: c.offerMinor, terms: c.paymentTerms }
      if (closed || reply.amountMinor === null) continue
      busyUntil = at
      if (reply.currency !== invitation.currency) {
        out.push({
          ...common,
          id,
          type: 'brand.message',
          occurredAt: at,
          body: `Our budget for this campaign is in ${invitation.currency} — could you send your offer in ${invitation.currency}?`,
        })
        continue
      }
      const ratio = reply.amountMinor / Math.max(1, standing.amountMinor)
      let decision = decide(ratio, rounds, r.next())
      const halfway =
        Math.round((reply.amountMinor + standing.amountMinor) / 2 / ROUND_TO) * ROUND_TO
      if (decision === 'counter' && halfway >= reply.amountMinor) decision = 'accept'
      if (decision === 'accept') {
        closed = true
        out.push({
          ...common,
          id,
          type: 'brand.offer_accepted',
          occurredAt: at,
          offerId: reply.replyId,
          note: r.pick(ACCEPT_NOTES),
        })
      } else if (decision === 'decline') {
        closed = true
        out.push({
          ...common,
          id,
          type: 'brand.offer_declined',
          occurredAt: at,
          offerId: reply.replyId,
          note: r.pick(DECLINE_NOTES),
        })
      } else {
        rounds += 1
        const terms = isTerms(reply.paymentTerms) ? reply.paymentTerms : standing.terms
        standing = { amountMinor: halfway, terms }
        out.push({
          ...common,
          id,
          type: 'brand.counter_offer',
          occurredAt: at,
          offerMinor: halfway,
          currency: invitation.currency,
          paymentTerms: terms,
          note: r.pick(HALFWAY_NOTES),
        })
      }
    }
  }
  return out.sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1))
}

/** Whether the brand's own counter-offer `event` was overtaken by a reply sent before it. */
export function supersededByReply(event: PlatformEvent, replies: readonly SandboxReply[]): boolean {
  return (
    event.type === 'brand.counter_offer' &&
    !event.id.includes('.answer.') &&
    replies.some(
      (r) =>
        r.kind === 'offer' && r.invitationId === event.invitationId && r.sentAt < event.occurredAt,
    )
  )
}
