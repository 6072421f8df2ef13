import { beforeAll, describe, expect, it } from 'vitest'
import type { DealDoc, LedgerEntryDoc } from '../../shared/data/registry'
import { uuidv7 } from '../../shared/data/ids'
import { acceptOffer, actorOf, counterOffer, moveDeal } from '../../shared/deals/deal-edits'
import { createAgency, docOf, pushAll, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

/**
 * Issue 13 through a real server process: the deal pipeline judged on the push path (legal moves
 * written with who and when, illegal ones refused with their reason) and "Record payment", which
 * moves a posted deal to paid and writes its ledger entry in the same commit.
 */
describe.each(testBackends())('deal pipeline on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let agency: Agency
  let editor: TestUser
  let manager: TestUser
  let analyst: TestUser

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    agency = await createAgency(server.url)
    editor = await agency.join('editor')
    manager = await agency.join('manager')
    analyst = await agency.join('analyst')
  })

  const push = (user: TestUser, doc: DealDoc, before?: DealDoc) =>
    user.api.sync.push.mutate({
      collection: 'deals',
      workspaceId: agency.workspaceId,
      rows: [
        {
          newDocumentState: doc as unknown as Record<string, unknown>,
          ...(before ? { assumedMasterState: before as unknown as Record<string, unknown> } : {}),
        },
      ],
    })
  async function stored<T>(collection: 'deals' | 'ledger', id: string): Promise<T> {
    const out = await agency.owner.api.sync.fetch.query({
      collection,
      workspaceId: agency.workspaceId,
      ids: [id],
    })
    return out.documents[0] as T
  }
  const brandOffer = (at: number) => ({
    id: uuidv7(),
    from: 'brand' as const,
    amountMinor: 120_000,
    currency: 'USD',
    paymentTerms: 'net 30' as const,
    note: '',
    at,
    by: { kind: 'brand' as const, userId: null, name: 'Brand' },
  })

  /** A deal as a member records it by hand, at negotiating with the creator's first offer. */
  async function newDeal(): Promise<DealDoc> {
    const t = Date.now()
    const draft = docOf('deals', agency.workspaceId, {
      accountId: agency.accountA,
      state: 'negotiating',
      offers: [{ ...brandOffer(t), from: 'creator', by: actorOf(editor.userId, 'x') }],
      history: [
        {
          id: uuidv7(),
          from: null,
          to: 'negotiating',
          at: t,
          by: actorOf(editor.userId, 'x'),
          note: '',
        },
      ],
    })
    await pushAll(editor.api, agency.workspaceId, 'deals', [draft])
    return stored<DealDoc>('deals', draft.id)
  }

  it('walks a deal from negotiating to posted, recording each move with who and when', async () => {
    let deal = await newDeal()
    expect(deal.history).toEqual([
      expect.objectContaining({
        from: null,
        to: 'negotiating',
        by: actorOf(editor.userId, editor.displayName),
      }),
    ])
    const me = actorOf(editor.userId, 'whoever')
    const counter = counterOffer(
      deal,
      { amountMinor: 150_000, currency: 'USD', paymentTerms: '50/50', note: 'with usage' },
      me,
      Date.now(),
      { offerId: uuidv7(), entryId: uuidv7() },
    )
    expect(await push(editor, counter, deal)).toMatchObject({ refused: [], conflicts: [] })
    deal = await stored<DealDoc>('deals', deal.id)
    expect(deal).toMatchObject({ amountMinor: 150_000, paymentTerms: '50/50' })
    const offerId = deal.offers.at(-1)?.id ?? ''
    for (const step of [
      'contracted',
      'in_production',
      'draft_submitted',
      'brand_approved',
      'posted',
    ] as const) {
      const next =
        step === 'contracted'
          ? acceptOffer(deal, offerId, me, Date.now(), uuidv7())
          : moveDeal(deal, step, me, Date.now(), uuidv7())
      expect(await push(editor, next, deal)).toMatchObject({ refused: [], conflicts: [] })
      deal = await stored<DealDoc>('deals', deal.id)
      expect(deal.state).toBe(step)
    }
    expect(deal.history.map((h) => h.to)).toEqual([
      'negotiating',
      'contracted',
      'in_production',
      'draft_submitted',
      'brand_approved',
      'posted',
    ])
    expect(new Set(deal.history.map((h) => h.by.userId))).toEqual(new Set([editor.userId]))
    expect(deal.agreedOfferId).toBe(offerId)
  })

  it('refuses illegal moves, a faked brand offer and a pushed "paid", each with its reason', async () => {
    const deal = await newDeal()
    const me = actorOf(editor.userId, 'E')
    const cases: [DealDoc, string][] = [
      [
        moveDeal(deal, 'posted', me, Date.now(), uuidv7()),
        'cannot move from negotiating to posted',
      ],
      [moveDeal(deal, 'paid', me, Date.now(), uuidv7()), 'Record payment'],
      [moveDeal(deal, 'expired', me, Date.now(), uuidv7()), 'negotiating to expired'],
      [{ ...deal, offers: [...deal.offers, brandOffer(Date.now())] }, "a brand's offers arrive"],
      [{ ...deal, payment: { amountMinor: 1, currency: 'USD', receivedAt: 1 } }, 'only the server'],
    ]
    for (const [doc, reason] of cases) {
      const out = await push(editor, doc, deal)
      expect(out.refused).toEqual([
        { id: deal.id, kind: 'forbidden', reason: expect.stringContaining(reason) },
      ])
    }
    expect((await stored<DealDoc>('deals', deal.id)).state).toBe('negotiating')
    // An analyst reads deals but changes none.
    const out = await push(analyst, { ...deal, notes: 'x' }, deal)
    expect(out.refused[0]?.kind).toBe('forbidden')
  })

  it('Record payment: a posted deal becomes paid and its ledger entry appears, once', async () => {
    let deal = await newDeal()
    const start = deal
    const me = actorOf(editor.userId, 'E')
    deal = acceptOffer(deal, deal.offers[0]?.id ?? '', me, Date.now(), uuidv7())
    for (const step of ['in_production', 'draft_submitted', 'brand_approved', 'posted'] as const)
      deal = moveDeal(deal, step, me, Date.now(), uuidv7())
    // Several moves made before one push (offline, or quick clicks) arrive as one change: each
    // step is judged along the pipeline.
    expect((await push(editor, deal, start)).refused).toEqual([])
    deal = await stored<DealDoc>('deals', deal.id)
    expect(deal.state).toBe('posted')
    const input = {
      workspaceId: agency.workspaceId,
      dealId: deal.id,
      amountMinor: 120_000,
      currency: 'USD',
      receivedAt: Date.now() - 1000,
      note: 'Wire received',
    }
    await expect(editor.api.deals.recordPayment.mutate(input)).rejects.toThrow(
      'your role (editor) cannot record payments',
    )
    await expect(
      manager.api.deals.recordPayment.mutate({ ...input, receivedAt: Date.now() + 3 * 86_400_000 }),
    ).rejects.toThrow('in the future')
    const { ledgerEntryId } = await manager.api.deals.recordPayment.mutate(input)
    const paid = await stored<DealDoc>('deals', deal.id)
    expect(paid).toMatchObject({
      state: 'paid',
      payment: { amountMinor: 120_000, currency: 'USD', receivedAt: input.receivedAt },
    })
    expect(paid.history.at(-1)).toMatchObject({ from: 'posted', to: 'paid', note: 'Wire received' })
    expect(paid.history.at(-1)?.by.userId).toBe(manager.userId)
    const entry = await stored<LedgerEntryDoc>('ledger', ledgerEntryId)
    expect(entry).toMatchObject({
      kind: 'deal_payment',
      amountMinor: 120_000,
      accountId: agency.accountA,
      refs: { dealId: deal.id },
    })
    // A second payment is refused: the deal is paid.
    await expect(manager.api.deals.recordPayment.mutate(input)).rejects.toThrow('paid')
    // A deal not yet posted cannot be paid; an unknown deal is not found.
    const early = await newDeal()
    await expect(
      manager.api.deals.recordPayment.mutate({ ...input, dealId: early.id }),
    ).rejects.toThrow('cannot move from negotiating to paid')
    await expect(
      manager.api.deals.recordPayment.mutate({ ...input, dealId: uuidv7() }),
    ).rejects.toThrow('no such deal')
  })
})
