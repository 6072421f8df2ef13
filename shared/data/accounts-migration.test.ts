import { afterEach, describe, expect, it } from 'vitest'
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { accounts, migrateAccountV0toV1, UNLINKED } from './collections/accounts'
import { uuidv7 } from './ids'
import { sampleDocs } from './sample-docs'

addRxPlugin(RxDBMigrationSchemaPlugin)

let db: RxDatabase | undefined
afterEach(async () => {
  await db?.close()
  db = undefined
})

/** The accounts schema as it was at version 0 (before `link`). */
function versionZeroSchema(): RxJsonSchema<Record<string, unknown>> {
  const current = accounts.rxSchema as RxJsonSchema<Record<string, unknown>>
  const { link: _link, ...properties } = current.properties
  return {
    ...current,
    version: 0,
    properties,
    required: (accounts.rxSchema.required ?? []).filter((k) => k !== 'link'),
  }
}

describe('accounts schema 0 → 1', () => {
  it('adds an unlinked `link` and leaves every other field as it was', () => {
    const { link, ...old } = sampleDocs().accounts
    expect(link).toEqual(UNLINKED)
    expect(migrateAccountV0toV1(old)).toEqual({ ...old, link: UNLINKED })
    // A document that already has a link (migrated before) is left alone.
    const linked = { ...old, link: { ...UNLINKED, state: 'linked', linkedAt: 5 } }
    expect(migrateAccountV0toV1(linked)).toBe(linked)
  })

  it('migrates a stored version-0 document when the app opens version 1', async () => {
    const name = `accounts-migration-${uuidv7()}`
    const storage = getRxStorageMemory()
    const { link: _link, _deleted, ...old } = sampleDocs().accounts
    db = await createRxDatabase({ name, storage })
    await db.addCollections({ accounts: { schema: versionZeroSchema() } })
    await db.collections.accounts!.insert(old)
    await db.close()

    db = await createRxDatabase({ name, storage })
    await db.addCollections({
      accounts: {
        schema: accounts.rxSchema as RxJsonSchema<Record<string, unknown>>,
        migrationStrategies: accounts.migrationStrategies,
      },
    })
    const stored = await db.collections.accounts!.findOne(old.id).exec()
    expect(stored?.toJSON()).toEqual(migrateAccountV0toV1(old))
  })
})
