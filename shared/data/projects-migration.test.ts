import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { describe, expect, it } from 'vitest'
import { projects } from './collections/projects'
import { uuidv7 } from './ids'
import { sampleDocs } from './sample-docs'

addRxPlugin(RxDBMigrationSchemaPlugin)

describe('projects schema version 1 (trash)', () => {
  it('migrates a stored version 0 project on the device to trashedAt: null', async () => {
    const storage = getRxStorageMemory()
    const name = `migrate-${uuidv7()}`
    const v1 = projects.rxSchema as RxJsonSchema<Record<string, unknown>>
    const { trashedAt: _gone, ...v0Props } = v1.properties as Record<string, unknown>
    const v0 = {
      ...v1,
      version: 0,
      properties: v0Props,
      required: (v1.required as string[]).filter((f) => f !== 'trashedAt'),
    } as RxJsonSchema<Record<string, unknown>>
    const { _deleted, trashedAt: _t, ...old } = sampleDocs().projects

    const before = await createRxDatabase({ name, storage })
    await before.addCollections({ projects: { schema: v0 } })
    await before.collections['projects']?.insert(old)
    await before.close()

    const after = await createRxDatabase({ name, storage })
    await after.addCollections({
      projects: { schema: v1, migrationStrategies: projects.migrationStrategies },
    })
    const doc = await after.collections['projects']?.findOne(old.id).exec()
    expect(doc?.toJSON()).toEqual({ ...old, trashedAt: null })
    expect(projects.schema.safeParse({ ...doc?.toJSON(), _deleted }).success).toBe(true)
    await after.close()
  })
})
