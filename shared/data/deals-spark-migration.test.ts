import { afterEach, describe, expect, it } from 'vitest'
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { dealSchema, deals } from './collections/deals'
import { migrateDealToV2 } from './collections/deals-migration'
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

const code = {
  id: '01890a5d-ac96-774b-bcce-b30209900011',
  code: 'SPARK-1',
  postId: sampleDocs().posts.id,
  durationDays: 30,
  issuedAt: 1_700_000_000_000,
  revokedAt: null,
}

/** The deals schema as version 1 had it: Spark codes without `caption`. */
function versionOne(): Schema {
  const schema = deals.rxSchema as Schema
  const props = schema.properties as Props
  const spark = props['sparkCodes'] as { items: { properties: Props; required: string[] } }
  const { caption: _c, ...itemProps } = spark.items.properties
  return {
    ...schema,
    version: 1,
    properties: {
      ...props,
      sparkCodes: {
        ...spark,
        items: {
          ...spark.items,
          properties: itemProps,
          required: spark.items.required.filter((k) => k !== 'caption'),
        },
      },
    },
  } as Schema
}

describe('deals schema 1 → 2 (the caption a Spark code locks)', () => {
  it('gives each recorded code an unknown caption; a done deal is left as it is', () => {
    const old = { ...sampleDocs().deals, sparkCodes: [code] }
    const migrated = migrateDealToV2(old)
    expect(migrated).toEqual({ ...old, sparkCodes: [{ ...code, caption: null }] })
    expect(dealSchema.safeParse(migrated).success).toBe(true)
    expect(migrateDealToV2(migrated)).toBe(migrated)
  })

  it('an app opening version 2 migrates the version-1 deals it stored', async () => {
    const name = `deals-spark-${uuidv7()}`
    const storage = getRxStorageMemory()
    const { _deleted, ...old } = { ...sampleDocs().deals, sparkCodes: [code] }
    db = await createRxDatabase({ name, storage })
    await db.addCollections({ deals: { schema: versionOne() } })
    await db.collections.deals!.insert(old)
    await db.close()
    db = await createRxDatabase({ name, storage })
    await db.addCollections({
      deals: { schema: deals.rxSchema as Schema, migrationStrategies: deals.migrationStrategies },
    })
    const stored = (await db.collections.deals!.findOne(old.id).exec())?.toJSON()
    expect(stored).toEqual(migrateDealToV2(old))
  })
})
