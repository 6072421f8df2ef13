import { describe, expect, it } from 'vitest'
import type { EventOf } from '../events'
import { platformEventSchema } from '../events'
import {
  brandAnswers,
  MESSAGE_ANSWER_DELAY_MS,
  OFFER_ANSWER_DELAY_MS,
  supersededByReply,
  type SandboxReply,
} from './brand-answers'
import { DAY_MS } from './identity'
import { Simulation } from './simulation'

const LINK_DAY = Math.floor(Date.UTC(2026, 2, 2) / DAY_MS)

/** The first invitation of a 12k account in the week before its link day. */
function withInvitation(seed: number) {
  const sim = new Simulation({ size: '12k', seed, linkDay: LINK_DAY })
  for (let day = LINK_DAY - 60; day <= LINK_DAY; day += 1)
    for (const event of sim.eventsOfDay(day))
      if (event.type === 'brand.invitation') return { sim, invitation: event }
  return null
}

function offerReply(
  invitation: EventOf<'brand.invitation'>,
  amountMinor: number,
  n = 1,
  sentAt = invitation.occurredAt + 3_600_000 * n,
): SandboxReply {
  return {
    replyId: `01950000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    invitationId: invitation.invitationId,
    kind: 'offer',
    amountMinor,
    currency: invitation.currency,
    paymentTerms: 'net 30',
    body: '',
    sentAt,
  }
}

let found: ReturnType<typeof withInvitation> = null
for (let seed = 1; seed < 50 && !found; seed += 1) found = withInvitation(seed)
if (!found) throw new Error('no invitation in the sample accounts')
const { sim, invitation } = found
const offer = invitation.offerMinor

describe('sandbox brands answer counter-offers', () => {
  it('are deterministic: same seed and replies, byte-identical answers, valid events', () => {
    const replies = [offerReply(invitation, offer * 2), offerReply(invitation, offer * 1.1, 2)]
    const a = brandAnswers(sim, replies)
    const b = brandAnswers(
      new Simulation({ size: '12k', seed: sim.identity.seed, linkDay: LINK_DAY }),
      [...replies].reverse(),
    )
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    for (const event of a) expect(platformEventSchema.safeParse(event).success).toBe(true)
  })

  it('accept an ask at or below their offer, within the delay, naming the offer', () => {
    const reply = offerReply(invitation, offer)
    const [answer] = brandAnswers(sim, [reply])
    expect(answer).toMatchObject({ type: 'brand.offer_accepted', offerId: reply.replyId })
    const delay = (answer?.occurredAt ?? 0) - reply.sentAt
    expect(delay).toBeGreaterThanOrEqual(OFFER_ANSWER_DELAY_MS.min)
    expect(delay).toBeLessThanOrEqual(OFFER_ANSWER_DELAY_MS.max)
  })

  it('meet a 30 % higher ask halfway, keeping the asked payment terms', () => {
    const ask = Math.round((offer * 1.3) / 1000) * 1000
    const [answer] = brandAnswers(sim, [offerReply(invitation, ask)])
    expect(answer).toMatchObject({
      type: 'brand.counter_offer',
      offerMinor: Math.round((ask + offer) / 2 / 1000) * 1000,
      paymentTerms: 'net 30',
    })
  })

  it('decline or counter a far higher ask (both happen across seeds), and stop after closing', () => {
    const kinds = new Set<string>()
    for (let seed = 1; seed < 60 && kinds.size < 2; seed += 1) {
      const other = withInvitation(seed)
      if (!other) continue
      const answers = brandAnswers(other.sim, [
        offerReply(other.invitation, other.invitation.offerMinor * 3),
      ])
      kinds.add(answers[0]?.type ?? 'none')
    }
    expect(kinds).toEqual(new Set(['brand.offer_declined', 'brand.counter_offer']))
    // After accepting, later counter-offers get no answer; messages still do.
    const answers = brandAnswers(sim, [
      offerReply(invitation, offer),
      offerReply(invitation, offer * 2, 2),
      { ...offerReply(invitation, 0, 3), kind: 'message', amountMinor: null, body: 'Thanks!' },
    ])
    expect(answers.map((e) => e.type)).toEqual(['brand.offer_accepted', 'brand.message'])
  })

  it('answer one reply at a time, in the order received; ignore unknown invitations', () => {
    const message: SandboxReply = {
      ...offerReply(invitation, 0),
      kind: 'message',
      amountMinor: null,
      body: 'When does it ship?',
    }
    const later = {
      ...message,
      replyId: `${message.replyId.slice(0, -1)}9`,
      sentAt: message.sentAt + 1,
    }
    const [first, second] = brandAnswers(sim, [later, message])
    expect(first?.occurredAt ?? 0).toBeLessThanOrEqual(second?.occurredAt ?? 0)
    expect((first?.occurredAt ?? 0) - message.sentAt).toBeGreaterThanOrEqual(
      MESSAGE_ANSWER_DELAY_MS.min,
    )
    expect(brandAnswers(sim, [{ ...message, invitationId: '123' }])).toEqual([])
    expect(brandAnswers(sim, [{ ...message, invitationId: 'not-an-id' }])).toEqual([])
  })

  it("drop the brand's own later counter-offer once the creator has countered", () => {
    const own: EventOf<'brand.counter_offer'> = {
      id: `brand.${invitation.invitationId}.offer.2`,
      type: 'brand.counter_offer',
      occurredAt: invitation.occurredAt + 4 * DAY_MS,
      invitationId: invitation.invitationId,
      invitedAt: invitation.occurredAt,
      from: 'x',
      offerMinor: offer,
      currency: 'USD',
      paymentTerms: 'upfront',
      note: '',
    }
    expect(supersededByReply(own, [offerReply(invitation, offer)])).toBe(true)
    expect(supersededByReply(own, [offerReply(invitation, offer, 1, own.occurredAt + 1)])).toBe(
      false,
    )
  })
})
