import { afterEach, describe, expect, it } from 'vitest'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { addRxPlugin, createRxDatabase, type RxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv'
import { COLLECTION_NAMES } from './collection-contract'
import { collections } from './registry'
import { sampleDocs } from './sample-docs'
import { uuidv7 } from './ids'

// Dev-mode runs RxDB's full schema checks (index rules, reserved names, maxLength on keys).
// Safe in Node: its tracking iframe needs a DOM. Never in a browser build (DESIGN §3).
disableWarnings()
addRxPlugin(RxDBDevModePlugin)

let db: RxDatabase | undefined

afterEach(async () => {
  // The free RxDB build allows a handful of open collections per process: always close.
  await db?.close()
  db = undefined
})

addRxPlugin(RxDBMigrationSchemaPlugin)

async function openDatabase(): Promise<RxDatabase> {
  db = await createRxDatabase({
    name: `schemas-${uuidv7()}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
  })
  const creators = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [
      name,
      {
        // shared/ types the schema structurally (it does not import rxdb); RxDB dev-mode checks
        // the real thing at runtime, which is what this test is for.
        schema: collections[name].rxSchema as RxJsonSchema<Record<string, unknown>>,
        migrationStrategies: collections[name].migrationStrategies,
      },
    ]),
  )
  await db.addCollections(creators)
  return db
}

describe('RxDB schemas', () => {
  it('creates all ten collections and stores a valid document in each', async () => {
    const database = await openDatabase()
    const samples = sampleDocs()
    for (const name of COLLECTION_NAMES) {
      const collection = database.collections[name]
      expect(collection, name).toBeDefined()
      // RxDB takes the document without `_deleted` on insert (it adds the flag itself).
      const { _deleted, ...doc } = samples[name]
      expect(_deleted).toBe(false)
      await collection!.insert(doc)
      const stored = await collection!.findOne(doc.id).exec()
      expect(stored?.toJSON(), name).toEqual(doc)
    }
  })

  it('refuses a document the JSON schema rejects (ajv validation is active)', async () => {
    const database = await openDatabase()
    const { _deleted, ...post } = sampleDocs().posts
    void _deleted
    await expect(
      database.collections.posts!.insert({ ...post, caption: 'x'.repeat(2201) }),
    ).rejects.toThrow()
    await expect(database.collections.posts!.insert({ ...post, extra: true })).rejects.toThrow()
  })

  it('runs with dev-mode checks on (a schema breaking RxDB rules is refused)', async () => {
    db = await createRxDatabase({
      name: `broken-${uuidv7()}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    })
    const schema = collections.media.rxSchema
    // media.accountId is nullable, and RxDB cannot index a nullable field.
    const broken = { ...schema, indexes: ['accountId'] } as RxJsonSchema<Record<string, unknown>>
    await expect(db.addCollections({ media: { schema: broken } })).rejects.toThrow(/SC36/)
  })

  it('serves the UI queries from the declared indexes', async () => {
    const database = await openDatabase()
    const { _deleted, ...post } = sampleDocs().posts
    void _deleted
    await database.collections.posts!.insert(post)
    const found = await database.collections
      .posts!.find({ selector: { accountId: post.accountId }, sort: [{ updatedAt: 'desc' }] })
      .exec()
    expect(found.map((d) => d.id)).toEqual([post.id])
  })
})
