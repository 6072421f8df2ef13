import { describe, expect, it } from 'vitest'
import type { DealDoc } from '../data/collections/deals'
import { sampleDocs } from '../data/sample-docs'
import { DEAL_STAGES, canMove, type DealStage } from '../deals/pipeline'
import { acceptOffer, actorOf, counterOffer, markRead, moveDeal } from '../deals/deal-edits'
import { checkDealTransition } from './deal-transitions'
import type { Actor } from './transition'

const editor: Actor = { userId: 'user-ed', role: 'editor', accountIds: [], displayName: 'Eddie' }
const me = actorOf('user-ed', 'spoofed name')
const ID = (n: number) => `01890a5d-ac96-774b-bcce-b302099a9${String(n).padStart(3, '0')}`
const T = 1_800_000_000_000

function dealAt(state: DealStage): DealDoc {
  const base = sampleDocs().deals
  return {
    ...base,
    state,
    offers: [
      {
        id: ID(1),
        from: 'brand',
        amountMinor: 100_000,
        currency: 'USD',
        paymentTerms: 'net 30',
        note: '',
        at: T - 1000,
        by: { kind: 'brand', userId: null, name: 'Brand' },
      },
    ],
    agreedOfferId: ['invitation', 'negotiating', 'declined', 'expired'].includes(state)
      ? null
      : ID(1),
    amountMinor: 100_000,
    history: [{ id: ID(2), from: null, to: state, at: T - 1000, by: me, note: '' }],
  }
}

/** The move a member's client would push: with the agreed offer when it contracts the deal. */
function proposed(from: DealStage, to: DealStage): DealDoc {
  const deal = dealAt(from)
  if (to === 'contracted' && deal.agreedOfferId === null)
    return acceptOffer(deal, ID(1), me, T, ID(3))
  return moveDeal(deal, to, me, T, ID(3))
}

describe('deal pipeline on the push path', () => {
  const pairs = DEAL_STAGES.flatMap((from) =>
    DEAL_STAGES.filter((to) => to !== from).map((to) => [from, to] as const),
  )
  it.each(pairs)('a member moving %s → %s', (from, to) => {
    const verdict = checkDealTransition(editor, dealAt(from), proposed(from, to))
    const legal = canMove(from, to, 'member') && to !== 'paid'
    expect(verdict.ok).toBe(legal)
    if (verdict.ok) {
      const entry = verdict.doc.history.at(-1)
      // Recorded with who (the pushing member under their current name) and when.
      expect(entry).toEqual({
        id: ID(3),
        from,
        to,
        at: T,
        by: actorOf('user-ed', 'Eddie'),
        note: entry?.note,
      })
    } else {
      expect(verdict.reason.length).toBeGreaterThan(10)
      expect(verdict.reason).not.toMatch(/checkDeal|undefined/)
    }
  })

  it('explains refusals in words: the brand only, the end of the road, and paid', () => {
    const expired = checkDealTransition(
      editor,
      dealAt('expired'),
      proposed('expired', 'negotiating'),
    )
    expect(expired).toMatchObject({ ok: false, reason: expect.stringContaining('expired') })
    const toPaid = checkDealTransition(editor, dealAt('posted'), proposed('posted', 'paid'))
    expect(toPaid).toMatchObject({ ok: false, reason: expect.stringContaining('Record payment') })
    const brandOnly = checkDealTransition(
      editor,
      dealAt('invitation'),
      proposed('invitation', 'cancelled'),
    )
    expect(brandOnly).toMatchObject({
      ok: false,
      reason: expect.stringContaining('only the brand'),
    })
    const skip = checkDealTransition(editor, dealAt('contracted'), proposed('contracted', 'posted'))
    expect(skip).toMatchObject({ ok: false, reason: expect.stringContaining('in production') })
  })

  it('judges several moves in one push step by step', () => {
    const deal = dealAt('contracted')
    let next = moveDeal(deal, 'in_production', me, T, ID(20))
    next = moveDeal(next, 'draft_submitted', me, T + 1, ID(21))
    next = moveDeal(next, 'brand_approved', me, T + 2, ID(22))
    const verdict = checkDealTransition(editor, deal, next)
    expect(verdict.ok && verdict.doc.history.map((h) => h.to)).toEqual([
      'contracted',
      'in_production',
      'draft_submitted',
      'brand_approved',
    ])
    const skipping = moveDeal(
      moveDeal(deal, 'in_production', me, T, ID(20)),
      'posted',
      me,
      T,
      ID(23),
    )
    expect(checkDealTransition(editor, deal, skipping)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('in production to posted'),
    })
    const gap = { ...next, history: [...deal.history, next.history[2]!, next.history[3]!] }
    expect(checkDealTransition(editor, deal, gap).ok).toBe(false)
  })

  it('refuses a stage change without its history entry, and a rewritten history', () => {
    const deal = dealAt('negotiating')
    const bare = { ...deal, state: 'declined' as const }
    expect(checkDealTransition(editor, deal, bare).ok).toBe(false)
    const rewritten = { ...deal, history: [], notes: 'x' }
    const verdict = checkDealTransition(editor, deal, rewritten)
    expect(verdict.ok && verdict.doc.history).toEqual(deal.history)
  })

  it('a counter-offer moves an invitation to negotiating; its terms become the current ones', () => {
    const deal = dealAt('invitation')
    const next = counterOffer(
      deal,
      { amountMinor: 150_000, currency: 'USD', paymentTerms: '50/50', note: 'Two revisions' },
      me,
      T,
      { offerId: ID(4), entryId: ID(5) },
    )
    const verdict = checkDealTransition(editor, deal, next)
    expect(verdict.ok).toBe(true)
    if (!verdict.ok) return
    expect(verdict.doc.state).toBe('negotiating')
    expect(verdict.doc).toMatchObject({ amountMinor: 150_000, paymentTerms: '50/50' })
    expect(verdict.doc.offers.at(-1)?.by).toEqual(actorOf('user-ed', 'Eddie'))
    // Without the move, the same counter is refused.
    const stay = { ...next, state: 'invitation' as const, history: deal.history }
    expect(checkDealTransition(editor, deal, stay)).toMatchObject({ ok: false })
  })

  it('refuses a faked brand offer, an edited offer and offers after the deal is contracted', () => {
    const deal = dealAt('negotiating')
    const fakeBrand = {
      ...deal,
      offers: [...deal.offers, { ...deal.offers[0]!, id: ID(6), amountMinor: 1 }],
    }
    expect(checkDealTransition(editor, deal, fakeBrand)).toMatchObject({ ok: false })
    const edited = { ...deal, offers: [{ ...deal.offers[0]!, amountMinor: 999_999 }] }
    expect(checkDealTransition(editor, deal, edited)).toMatchObject({ ok: false })
    const contracted = dealAt('contracted')
    const late = counterOffer(
      contracted,
      { amountMinor: 1, currency: 'USD', paymentTerms: null, note: '' },
      me,
      T,
      { offerId: ID(7), entryId: ID(8) },
    )
    expect(checkDealTransition(editor, contracted, late)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('terms were agreed'),
    })
  })

  it('contracting needs the agreed offer, and the agreed terms cannot be edited afterwards', () => {
    const deal = dealAt('negotiating')
    const noOffer = moveDeal(deal, 'contracted', me, T, ID(3))
    expect(checkDealTransition(editor, deal, noOffer)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('choose the offer'),
    })
    const contracted = dealAt('contracted')
    const cheaper = { ...contracted, amountMinor: 1 }
    const verdict = checkDealTransition(editor, contracted, cheaper)
    expect(verdict.ok && verdict.doc.amountMinor).toBe(100_000)
  })

  it('each member moves only their own read mark', () => {
    const deal = markRead(dealAt('negotiating'), 'user-other', T - 5)
    const mine = markRead(deal, 'user-ed', T)
    const forged = {
      ...mine,
      reads: [
        { id: 'user-other', at: 0 },
        { id: 'user-ed', at: T },
      ],
    }
    const verdict = checkDealTransition(editor, deal, forged)
    expect(verdict.ok && verdict.doc.reads).toEqual([
      { id: 'user-other', at: T - 5 },
      { id: 'user-ed', at: T },
    ])
  })

  it('a new deal starts by hand at invitation, negotiating or contracted — never expired or paid', () => {
    const base = { ...sampleDocs().deals, offers: [], history: [] }
    for (const state of ['expired', 'paid'] as const)
      expect(checkDealTransition(editor, undefined, { ...base, state })).toMatchObject({
        ok: false,
      })
    const begun = [{ id: ID(9), from: null, to: 'contracted' as const, at: 5, by: me, note: '' }]
    const verdict = checkDealTransition(editor, undefined, {
      ...base,
      state: 'contracted',
      history: begun,
    })
    expect(verdict.ok && verdict.doc.history).toEqual([
      { ...begun[0], at: base.updatedAt, by: actorOf('user-ed', 'Eddie') },
    ])
    const wrong = [{ ...begun[0]!, to: 'posted' as const }]
    expect(checkDealTransition(editor, undefined, { ...base, history: wrong }).ok).toBe(false)
  })
})
