import { beforeAll, describe, expect, it } from 'vitest'
import { EMPTY_DETAIL } from '../../shared/data/collections/ledger'
import type { LedgerEntryDoc } from '../../shared/data/registry'
import { createAgency, docOf, pushAll, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

/**
 * Issue 12's ledger rules through a real server process: who may write entries, the commission
 * amount the server derives from price × rate, settlement only moving forward, and connector
 * entries staying the server's.
 */
describe.each(testBackends())('ledger rules on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let agency: Agency
  let creator: TestUser
  let analyst: TestUser
  let manager: TestUser

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    agency = await createAgency(server.url)
    creator = await agency.join('creator', [agency.accountA])
    analyst = await agency.join('analyst')
    manager = await agency.join('manager')
  })

  const push = (user: TestUser, docs: LedgerEntryDoc[], before?: LedgerEntryDoc) =>
    user.api.sync.push.mutate({
      collection: 'ledger',
      workspaceId: agency.workspaceId,
      rows: docs.map((d) => ({
        newDocumentState: d as unknown as Record<string, unknown>,
        ...(before ? { assumedMasterState: before as unknown as Record<string, unknown> } : {}),
      })),
    })
  const stored = async (id: string) =>
    (
      await agency.owner.api.sync.fetch.query({
        collection: 'ledger',
        workspaceId: agency.workspaceId,
        ids: [id],
      })
    ).documents[0] as LedgerEntryDoc | undefined
  const commission = (fields: Partial<LedgerEntryDoc> = {}) =>
    docOf('ledger', agency.workspaceId, {
      accountId: agency.accountA,
      kind: 'commission',
      settlement: 'not_settled',
      amountMinor: 1,
      refs: {
        postId: null,
        dealId: null,
        productId: null,
        orderId: 'hand-1',
        liveSessionId: null,
        externalId: null,
      },
      detail: { ...EMPTY_DETAIL, paidPriceMinor: 12_999, rateBps: 1_250 },
      ...fields,
    })

  it('stores a hand-entered commission at price paid × rate, whatever amount was typed', async () => {
    const doc = commission()
    await pushAll(manager.api, agency.workspaceId, 'ledger', [doc])
    expect((await stored(doc.id))?.amountMinor).toBe(1_625)
  })

  it('moves a commission forward only: settled, then refunded; never settled again', async () => {
    const doc = commission({ amountMinor: 1_625 })
    await pushAll(manager.api, agency.workspaceId, 'ledger', [doc])
    const settled = { ...doc, settlement: 'settled' as const, updatedAt: doc.updatedAt + 1 }
    expect((await push(manager, [settled], doc)).refused).toEqual([])
    const refunded = { ...settled, settlement: 'refunded' as const, updatedAt: doc.updatedAt + 2 }
    expect((await push(manager, [refunded], settled)).refused).toEqual([])
    const again = { ...refunded, settlement: 'settled' as const, updatedAt: doc.updatedAt + 3 }
    const out = await push(manager, [again], refunded)
    expect(out.refused).toEqual([
      {
        id: doc.id,
        kind: 'forbidden',
        reason: `document ${doc.id}: a refunded order cannot be settled again`,
      },
    ])
    expect((await stored(doc.id))?.settlement).toBe('refunded')
  })

  it('refuses to change an entry’s stream', async () => {
    const doc = docOf('ledger', agency.workspaceId, {
      accountId: agency.accountA,
      kind: 'other',
      settlement: null,
      detail: { ...EMPTY_DETAIL },
    })
    await pushAll(manager.api, agency.workspaceId, 'ledger', [doc])
    const out = await push(
      manager,
      [{ ...doc, kind: 'deal_payment', updatedAt: doc.updatedAt + 1 }],
      doc,
    )
    expect(out.refused[0]?.reason).toContain('an entry’s stream cannot change')
  })

  it('lets a creator write their own account’s entries only, and an analyst none', async () => {
    const own = commission()
    expect((await push(creator, [own])).refused).toEqual([])
    const other = commission({ accountId: agency.accountB })
    expect((await push(creator, [other])).refused[0]?.kind).toBe('forbidden')
    const byAnalyst = commission()
    expect((await push(analyst, [byAnalyst])).refused[0]?.kind).toBe('forbidden')
    expect(await stored(byAnalyst.id)).toBeUndefined()
  })

  it('keeps connector entries the server’s: a client cannot write one', async () => {
    const forged = commission({ source: 'connector' })
    const out = await push(manager, [forged])
    // The server owns `source`: a pushed entry is recorded as entered by hand, never as the platform's.
    const kept = await stored(forged.id)
    expect(out.refused.length > 0 || kept?.source === 'manual').toBe(true)
  })
})
