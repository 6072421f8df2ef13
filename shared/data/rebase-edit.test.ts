import { describe, expect, it } from 'vitest'
import { acceptOffer, actorOf, counterOffer } from '../deals/deal-edits'
import { checkDealTransition } from '../workflow/deal-transitions'
import { rebaseEdit, unchangedSince } from './rebase-edit'
import { collections, type DealDoc } from './registry'
import { sampleDocs } from './sample-docs'

const me = actorOf('user-owner', 'Olivia Owner')
const owner = {
  userId: 'user-owner',
  displayName: 'Olivia Owner',
  role: 'owner' as const,
  accountIds: [],
}
const merge = collections.deals.merge
const T = 1_790_000_000_000

/** A deal in negotiation with the brand's offer on the table. */
function negotiating(): DealDoc {
  const deal = sampleDocs().deals
  return {
    ...deal,
    updatedAt: T,
    offers: [
      {
        id: '01950000-0000-7000-8000-00000000f001',
        from: 'brand',
        amountMinor: 38_000,
        currency: 'USD',
        paymentTerms: 'net 30',
        note: '',
        at: T - 1000,
        by: { kind: 'brand', userId: null, name: deal.brand },
      },
    ],
  }
}

describe('an edit built from the document as a screen drew it', () => {
  it('is written as it is when nothing changed since', () => {
    const base = negotiating()
    const edited = { ...base, title: 'Renamed', updatedAt: T + 1 }
    expect(rebaseEdit(base, edited, { ...base, _deleted: false }, merge)).toBe(edited)
    expect(unchangedSince(base, { ...base, _meta: { lwt: 1 } })).toBe(true)
  })

  it('keeps a change made since (a counter-offer) instead of overwriting it', () => {
    const base = negotiating()
    const countered = counterOffer(
      base,
      { amountMinor: 88_000, currency: 'USD', paymentTerms: '50/50', note: '' },
      me,
      T + 10,
      {
        offerId: '01950000-0000-7000-8000-00000000f002',
        entryId: '01950000-0000-7000-8000-00000000e001',
      },
    )
    // Drawn before the counter-offer was: renaming the deal must not drop the counter-offer.
    const renamed = { ...base, title: 'Renamed', updatedAt: T + 20 }
    const next = rebaseEdit(base, renamed, countered, merge)
    expect(next.title).toBe('Renamed')
    expect(next.offers.map((o) => o.amountMinor)).toEqual([38_000, 88_000])
    expect(checkDealTransition(owner, countered, next).ok).toBe(true)
  })

  it('lets the rules refuse an action taken on what the screen showed before a change', () => {
    // Accepting the brand's 380 while a brand's newer offer arrived: both offers stay, the
    // rebased deal is contracted on what was clicked, and the rule still judges it.
    const base = negotiating()
    const withNewer: DealDoc = {
      ...base,
      offers: [
        ...base.offers,
        {
          ...(base.offers[0] as DealDoc['offers'][number]),
          id: '01950000-0000-7000-8000-00000000f003',
          amountMinor: 45_000,
          at: T + 5,
        },
      ],
      updatedAt: T + 5,
    }
    const accepted = acceptOffer(
      base,
      base.offers[0]?.id ?? '',
      me,
      T + 30,
      '01950000-0000-7000-8000-00000000e002',
    )
    const next = rebaseEdit(base, accepted, withNewer, merge)
    expect(next.offers).toHaveLength(2)
    expect(next.state).toBe('contracted')
    expect(next.agreedOfferId).toBe(base.offers[0]?.id)
    expect(checkDealTransition(owner, withNewer, next).ok).toBe(true)
  })
})
