import { afterEach, describe, expect, it } from 'vitest'
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { metrics, metricPackSchema } from './collections/metrics'
import { uuidv7 } from './ids'

addRxPlugin(RxDBMigrationSchemaPlugin)

let db: RxDatabase | undefined
afterEach(async () => {
  await db?.close()
  db = undefined
})

type Schema = RxJsonSchema<Record<string, unknown>>

/** Version 0 of the metrics collection: one document per account or post and day. */
function versionZero(): Schema {
  const current = metrics.rxSchema as Schema
  const id = { type: 'string', maxLength: 36 }
  return {
    ...current,
    version: 0,
    properties: {
      id,
      workspaceId: id,
      updatedAt: { type: 'integer', minimum: 0 },
      accountId: id,
      postId: { type: ['string', 'null'], maxLength: 36 },
      day: { type: 'string', maxLength: 10 },
      views: { type: 'integer', minimum: 0 },
    },
    required: ['id', 'workspaceId', 'updatedAt', 'accountId', 'postId', 'day', 'views'],
    indexes: [],
  } as Schema
}

describe('metrics on an upgraded device (RxDB 0 → current)', () => {
  it('drops the old day documents on the device: the server’s month documents replace them', async () => {
    const name = `metrics-migration-${uuidv7()}`
    const storage = getRxStorageMemory()
    const day = {
      id: uuidv7(),
      workspaceId: uuidv7(),
      updatedAt: 1_700_000_000_000,
      accountId: uuidv7(),
      postId: null,
      day: '2026-03-04',
      views: 1200,
    }
    db = await createRxDatabase({ name, storage })
    await db.addCollections({ metrics: { schema: versionZero() } })
    await db.collections.metrics!.insert(day)
    expect(await db.collections.metrics!.count().exec()).toBe(1)
    await db.close()

    db = await createRxDatabase({ name, storage })
    await db.addCollections({
      metrics: {
        schema: metrics.rxSchema as Schema,
        migrationStrategies: metrics.migrationStrategies,
      },
    })
    // Opening worked (no schema error), and nothing of the old shape is left to show or push.
    expect(await db.collections.metrics!.findOne(day.id).exec()).toBeNull()
    expect(await db.collections.metrics!.count().exec()).toBe(0)
  })
})

/** Version 1: one document per account-month and per post-month, day slots at the top level. */
function versionOne(): Schema {
  const current = metrics.rxSchema as Schema
  const id = { type: 'string', maxLength: 36 }
  const slots = { type: 'array', items: { type: ['integer', 'null'] }, maxItems: 31 }
  const nullableSlots = { ...slots, type: ['array', 'null'] }
  return {
    ...current,
    version: 1,
    properties: {
      id,
      workspaceId: id,
      updatedAt: { type: 'integer', minimum: 0, maximum: 8_640_000_000_000_000, multipleOf: 1 },
      accountId: id,
      postId: { type: ['string', 'null'], maxLength: 36 },
      month: { type: 'string', maxLength: 7 },
      views: slots,
      likes: slots,
      comments: slots,
      shares: slots,
      saves: slots,
      watchTimeMs: slots,
      followers: nullableSlots,
      profileViews: nullableSlots,
    },
    required: [
      'id',
      'workspaceId',
      'updatedAt',
      'accountId',
      'postId',
      'month',
      'views',
      'likes',
      'comments',
      'shares',
      'saves',
      'watchTimeMs',
      'followers',
      'profileViews',
    ],
    indexes: [
      ['workspaceId', 'updatedAt'],
      ['accountId', 'month'],
    ],
  } as Schema
}

describe('metrics on an upgraded device (RxDB 1 → 2, month packs)', () => {
  it('keeps the account-months as packs without posts and drops the post-months', async () => {
    const name = `metrics-migration-${uuidv7()}`
    const storage = getRxStorageMemory()
    const slots = (v: number) => Array.from({ length: 30 }, (_, i) => (i === 2 ? v : null))
    const common = {
      workspaceId: uuidv7(),
      updatedAt: 1_700_000_000_000,
      accountId: uuidv7(),
      month: '2026-04',
      views: slots(900),
      likes: slots(90),
      comments: slots(9),
      shares: slots(3),
      saves: slots(4),
      watchTimeMs: slots(5_000),
    }
    const account = {
      ...common,
      id: uuidv7(),
      postId: null,
      followers: slots(1_200),
      profileViews: slots(30),
    }
    const post = { ...common, id: uuidv7(), postId: uuidv7(), followers: null, profileViews: null }
    db = await createRxDatabase({ name, storage })
    await db.addCollections({ metrics: { schema: versionOne() } })
    await db.collections.metrics!.bulkInsert([account, post])
    await db.close()

    db = await createRxDatabase({ name, storage })
    await db.addCollections({
      metrics: {
        schema: metrics.rxSchema as Schema,
        migrationStrategies: metrics.migrationStrategies,
      },
    })
    expect(await db.collections.metrics!.count().exec()).toBe(1)
    const pack = (await db.collections.metrics!.findOne(account.id).exec())?.toJSON(true)
    const {
      _rev: _r,
      _meta: _m,
      _attachments: _a,
      ...stored
    } = (pack ?? {}) as Record<string, unknown>
    expect(metricPackSchema.safeParse(stored).success).toBe(true)
    expect(stored).toMatchObject({
      id: account.id,
      accountId: account.accountId,
      month: '2026-04',
      account: { views: account.views, followers: account.followers },
      posts: [],
    })
    // The post-month is gone: the server's pack (new seq) brings it back inside its month.
    expect(await db.collections.metrics!.findOne(post.id).exec()).toBeNull()
  })
})
