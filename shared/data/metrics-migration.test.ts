import { afterEach, describe, expect, it } from 'vitest'
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { metrics } from './collections/metrics'
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
