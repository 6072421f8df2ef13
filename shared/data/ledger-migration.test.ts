import { afterEach, describe, expect, it } from 'vitest'
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { EMPTY_DETAIL, ledger, migrateLedgerV0toV1 } from './collections/ledger'
import { uuidv7 } from './ids'
import { sampleDocs } from './sample-docs'

addRxPlugin(RxDBMigrationSchemaPlugin)

let db: RxDatabase | undefined
afterEach(async () => {
  await db?.close()
  db = undefined
})

/** The ledger schema as it was at version 0 (before `detail`). */
function versionZeroSchema(): RxJsonSchema<Record<string, unknown>> {
  const current = ledger.rxSchema as RxJsonSchema<Record<string, unknown>>
  const { detail: _detail, ...properties } = current.properties
  return {
    ...current,
    version: 0,
    properties,
    required: (ledger.rxSchema.required ?? []).filter((k) => k !== 'detail'),
  }
}

describe('ledger schema 0 → 1', () => {
  it('adds an all-unknown `detail` and leaves every other field as it was', () => {
    const { detail: _detail, ...old } = sampleDocs().ledger
    expect(migrateLedgerV0toV1(old)).toEqual({ ...old, detail: EMPTY_DETAIL })
    // An entry that already has a detail (migrated before) is left alone.
    const current = sampleDocs().ledger
    expect(migrateLedgerV0toV1(current)).toBe(current)
  })

  it('migrates a stored version-0 document when the app opens version 1', async () => {
    const name = `ledger-migration-${uuidv7()}`
    const storage = getRxStorageMemory()
    const { detail: _detail, _deleted, ...old } = sampleDocs().ledger
    db = await createRxDatabase({ name, storage })
    await db.addCollections({ ledger: { schema: versionZeroSchema() } })
    await db.collections.ledger!.insert(old)
    await db.close()

    db = await createRxDatabase({ name, storage })
    await db.addCollections({
      ledger: {
        schema: ledger.rxSchema as RxJsonSchema<Record<string, unknown>>,
        migrationStrategies: ledger.migrationStrategies,
      },
    })
    const stored = await db.collections.ledger!.findOne(old.id).exec()
    expect(stored?.toJSON()).toEqual(migrateLedgerV0toV1(old))
  })
})
