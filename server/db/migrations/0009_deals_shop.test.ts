import { afterAll, describe, expect, it } from 'vitest'
import { migrateDealToV1 } from '../../../shared/data/collections/deals-migration'
import { messageSchema, migrateMessageToV1 } from '../../../shared/data/collections/messages'
import { dealSchema } from '../../../shared/data/collections/deals'
import { migrateProductToV1, productSchema } from '../../../shared/data/collections/products'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { readMasters } from '../../sync/documents'
import { testBackends } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openTestDatabase, stopLocalCluster } from '../../test-support/test-database'
import { dealsShopMigration } from './0009_deals_shop'

afterAll(() => stopLocalCluster())

/** The version-0 shapes, as stored before this release. */
function version0() {
  const s = sampleDocs()
  const {
    category: _c,
    invitation: _i,
    brief: _b,
    offers: _o,
    agreedOfferId: _a,
    paymentTerms: _p,
    usage: _u,
    exclusivity: _e,
    sparkCodes: _s,
    history: _h,
    reads: _r,
    payment: _pay,
    ...deal
  } = s.deals
  const deal0 = {
    ...deal,
    state: 'accepted',
    deliverables: deal.deliverables.map(({ projectId: _x, ...d }) => d),
  }
  const {
    audience: _au,
    delivery: _d,
    ...message0
  } = { ...s.messages, author: { kind: 'brand', userId: null, name: 'Brand' } }
  const {
    lockedRateBps: _l,
    available: _av,
    stock: _st,
    imageUrl: _im,
    source: _so,
    ...product0
  } = {
    ...s.products,
    shopProductId: 'shop-1',
  }
  return { deal0, message0, product0 }
}

describe('deals, messages and products version 0 → 1', () => {
  it('maps each old shape to a valid version-1 document; a version-1 document is left alone', () => {
    const { deal0, message0, product0 } = version0()
    const deal = dealSchema.parse(migrateDealToV1(deal0))
    expect(deal).toMatchObject({
      state: 'contracted',
      agreedOfferId: deal.id,
      amountMinor: 150_000,
    })
    expect(deal.offers).toHaveLength(1)
    expect(deal.history).toEqual([expect.objectContaining({ from: null, to: 'contracted' })])
    expect(migrateDealToV1(deal)).toBe(deal)
    const message = messageSchema.parse(migrateMessageToV1(message0))
    expect(message).toMatchObject({ audience: 'brand', delivery: null })
    const product = productSchema.parse(migrateProductToV1(product0))
    expect(product).toMatchObject({ source: 'showcase', available: true, stock: null })
    // Each old state lands on the stage that means the same.
    for (const [old, stage] of [
      ['offer', 'invitation'],
      ['in_progress', 'in_production'],
      ['delivered', 'posted'],
      ['paid', 'paid'],
    ] as const) {
      const migrated = dealSchema.parse(migrateDealToV1({ ...deal0, state: old }))
      expect(migrated.state).toBe(stage)
      if (stage === 'paid') expect(migrated.payment).toMatchObject({ amountMinor: 150_000 })
    }
  })
})

describe.each(testBackends())('server migration 0009 on %s', (kind) => {
  it('rewrites stored version-0 documents with the clients’ step, keeping their seq', async () => {
    const t = await openTestDatabase(kind)
    try {
      const { deal0, message0, product0 } = version0()
      await plantDocuments(t.database, [
        ['deals', deal0, 3, deal0.accountId],
        ['messages', message0, 4, message0.accountId],
        ['products', product0, 5, product0.accountId],
      ])
      await dealsShopMigration(t.database.dialect).up(t.database.db)
      await dealsShopMigration(t.database.dialect).up(t.database.db)
      const ws = deal0.workspaceId
      expect(
        (await readMasters(t.database.db, ws, 'deals', [deal0.id])).get(deal0.id),
      ).toMatchObject({
        seq: 3,
        data: migrateDealToV1(deal0),
      })
      expect(
        (await readMasters(t.database.db, ws, 'messages', [message0.id])).get(message0.id),
      ).toMatchObject({ seq: 4, data: migrateMessageToV1(message0) })
      expect(
        (await readMasters(t.database.db, ws, 'products', [product0.id])).get(product0.id),
      ).toMatchObject({ seq: 5, data: migrateProductToV1(product0) })
    } finally {
      await t.close()
    }
  })
})
