import { afterEach, describe, expect, it } from 'vitest'
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { deals } from './collections/deals'
import { migrateDealToV1 } from './collections/deals-migration'
import { messages, migrateMessageToV1 } from './collections/messages'
import { migrateProductToV1, products } from './collections/products'
import { uuidv7 } from './ids'
import { sampleDocs } from './sample-docs'

addRxPlugin(RxDBMigrationSchemaPlugin)

let db: RxDatabase | undefined
afterEach(async () => {
  await db?.close()
  db = undefined
})

type Schema = RxJsonSchema<Record<string, unknown>>
type Props = Record<string, Record<string, unknown>>

/** A collection's schema as it was at version 0: without the fields version 1 added. */
function versionZero(schema: Schema, added: string[], patch: Props = {}): Schema {
  const properties = Object.fromEntries(
    Object.entries(schema.properties as Props).filter(([k]) => !added.includes(k)),
  )
  return {
    ...schema,
    version: 0,
    properties: { ...properties, ...patch },
    required: (schema.required ?? []).filter((k) => !added.includes(k as string)),
  } as Schema
}

describe('deals, messages and products migrate on the device (RxDB 0 → 1)', () => {
  it('opens version-0 documents as version 1, exactly as the server migrates them', async () => {
    const name = `deals-shop-migration-${uuidv7()}`
    const storage = getRxStorageMemory()
    const s = sampleDocs()
    const dealProps = deals.rxSchema.properties as Props
    const deliverables = dealProps['deliverables'] as {
      items: { properties: Props; required: string[] }
    }
    const { projectId: _p, ...deliverableProps } = deliverables.items.properties
    const dealV0 = versionZero(
      deals.rxSchema as Schema,
      [
        'category',
        'invitation',
        'brief',
        'offers',
        'agreedOfferId',
        'paymentTerms',
        'usage',
        'exclusivity',
        'sparkCodes',
        'history',
        'reads',
        'payment',
      ],
      {
        state: {
          type: 'string',
          enum: [
            'offer',
            'negotiating',
            'accepted',
            'in_progress',
            'delivered',
            'paid',
            'declined',
            'cancelled',
          ],
        },
        deliverables: {
          ...deliverables,
          items: {
            ...deliverables.items,
            properties: deliverableProps,
            required: deliverables.items.required.filter((k) => k !== 'projectId'),
          },
        },
      },
    )
    const oldDeal = {
      id: s.deals.id,
      workspaceId: s.deals.workspaceId,
      updatedAt: s.deals.updatedAt,
      accountId: s.deals.accountId,
      brand: s.deals.brand,
      title: s.deals.title,
      state: 'in_progress',
      amountMinor: s.deals.amountMinor,
      currency: s.deals.currency,
      deliverables: s.deals.deliverables.map(({ projectId: _x, ...d }) => d),
      dueAt: null,
      notes: '',
    }
    const { audience: _a, delivery: _d, _deleted: _md, ...oldMessage } = s.messages
    const {
      lockedRateBps: _l,
      available: _av,
      stock: _st,
      imageUrl: _i,
      source: _so,
      _deleted: _pd,
      ...oldProduct
    } = s.products

    db = await createRxDatabase({ name, storage })
    await db.addCollections({
      deals: { schema: dealV0 },
      messages: { schema: versionZero(messages.rxSchema as Schema, ['audience', 'delivery']) },
      products: {
        schema: versionZero(products.rxSchema as Schema, [
          'lockedRateBps',
          'available',
          'stock',
          'imageUrl',
          'source',
        ]),
      },
    })
    await db.collections.deals!.insert(oldDeal)
    await db.collections.messages!.insert(oldMessage)
    await db.collections.products!.insert(oldProduct)
    await db.close()

    db = await createRxDatabase({ name, storage })
    await db.addCollections({
      deals: { schema: deals.rxSchema as Schema, migrationStrategies: deals.migrationStrategies },
      messages: {
        schema: messages.rxSchema as Schema,
        migrationStrategies: messages.migrationStrategies,
      },
      products: {
        schema: products.rxSchema as Schema,
        migrationStrategies: products.migrationStrategies,
      },
    })
    const deal = (await db.collections.deals!.findOne(oldDeal.id).exec())?.toJSON()
    expect(deal).toEqual(migrateDealToV1(oldDeal))
    expect(deal).toMatchObject({ state: 'in_production', agreedOfferId: oldDeal.id })
    const message = (await db.collections.messages!.findOne(oldMessage.id).exec())?.toJSON()
    expect(message).toEqual(migrateMessageToV1(oldMessage))
    const product = (await db.collections.products!.findOne(oldProduct.id).exec())?.toJSON()
    expect(product).toEqual(migrateProductToV1(oldProduct))
  })
})
