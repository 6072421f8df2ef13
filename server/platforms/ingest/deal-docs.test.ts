import { describe, expect, it } from 'vitest'
import { dealSchema } from '../../../shared/data/collections/deals'
import type { EventOf } from '../events'
import { brandOffer, expiredDeal, invitationDeal, withBrandOffer } from './deal-docs'

const DAY = 86_400_000
const T = 1_790_000_000_000
const ctx = (now: number) => ({
  workspaceId: '01890a5d-ac96-774b-bcce-b302099a8001',
  accountId: '01890a5d-ac96-774b-bcce-b302099a8002',
  now,
})

const invitation: EventOf<'brand.invitation'> = {
  id: 'brand.1',
  type: 'brand.invitation',
  occurredAt: T,
  invitationId: '1',
  brand: 'Glow Labs',
  title: 'Glow Labs: spring launch',
  brief: 'One video.',
  offerMinor: 120_000,
  currency: 'USD',
  paymentTerms: 'net 30',
  deliverables: [{ kind: 'video', description: 'Main video', dueAt: T + 20 * DAY }],
  expiresAt: T + 7 * DAY,
}

const counter: EventOf<'brand.counter_offer'> = {
  id: 'brand.1.offer.2',
  type: 'brand.counter_offer',
  occurredAt: T + DAY,
  invitationId: '1',
  invitedAt: T,
  from: 'Sam at Glow Labs',
  offerMinor: 140_000,
  currency: 'USD',
  paymentTerms: '50/50',
  note: 'A bit more?',
}

describe('brand events → deals (on a test clock)', () => {
  it('an invitation read before its 7 days are up is open; read after, it is expired', () => {
    const open = dealSchema.parse(invitationDeal(ctx(T + DAY), invitation))
    expect(open).toMatchObject({
      state: 'invitation',
      invitation: { id: '1', expiresAt: T + 7 * DAY },
      amountMinor: 120_000,
      paymentTerms: 'net 30',
    })
    expect(open.offers).toEqual([expect.objectContaining({ from: 'brand', amountMinor: 120_000 })])
    const late = dealSchema.parse(invitationDeal(ctx(T + 7 * DAY), invitation))
    expect(late.state).toBe('expired')
    expect(late.history.map((h) => [h.from, h.to, h.by.kind])).toEqual([
      [null, 'invitation', 'brand'],
      ['invitation', 'expired', 'system'],
    ])
    // Read twice, the same document (stable ids).
    expect(invitationDeal(ctx(T + DAY), invitation)).toEqual(open)
  })

  it('the expiry sweep expires an open invitation at 7 days, not a minute before', () => {
    const open = invitationDeal(ctx(T), invitation)
    expect(expiredDeal(open, T + 7 * DAY - 60_000)).toBeNull()
    const expired = expiredDeal(open, T + 7 * DAY)
    expect(expired?.state).toBe('expired')
    expect(dealSchema.safeParse(expired).success).toBe(true)
    // An answered invitation (negotiating) does not expire.
    expect(expiredDeal({ ...open, state: 'negotiating' }, T + 30 * DAY)).toBeNull()
  })

  it("the brand's counter-offer joins the offers once, and only while terms are open", () => {
    const open = invitationDeal(ctx(T), invitation)
    const offer = brandOffer(ctx(T + DAY), counter)
    const next = withBrandOffer(open, offer, T + DAY)
    expect(next?.offers.map((o) => o.amountMinor)).toEqual([120_000, 140_000])
    expect(next).toMatchObject({ amountMinor: 140_000, paymentTerms: '50/50', state: 'invitation' })
    expect(next && withBrandOffer(next, offer, T + DAY)).toBeNull()
    expect(withBrandOffer({ ...open, state: 'contracted' }, offer, T + DAY)).toBeNull()
  })
})
