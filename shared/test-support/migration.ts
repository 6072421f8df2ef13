import { addRxPlugin, createRxDatabase, type RxJsonSchema } from 'rxdb'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import type { CollectionDefinition } from '../data/collection-contract'
import { uuidv7 } from '../data/ids'

addRxPlugin(RxDBMigrationSchemaPlugin)

type Loose = RxJsonSchema<Record<string, unknown>>
type Definition = Pick<CollectionDefinition<never>, 'name' | 'rxSchema' | 'migrationStrategies'>

/**
 * Test kit for a schema step that added one top-level field: the collection's schema as the
 * previous app version had it (one version lower, without `field`).
 */
export function schemaBefore(definition: Definition, field: string): Loose {
  const current = definition.rxSchema as unknown as Loose
  const { [field]: _added, ...properties } = current.properties
  return {
    ...current,
    version: current.version - 1,
    properties,
    required: (current.required ?? []).filter((k) => k !== field),
  }
}

/**
 * What an app upgrading in place ends up holding: `old` stored by the previous version's RxDB
 * (schema without `field`), the database reopened with the current schema and its migration
 * strategies — the path a real client's local store takes on the first start after an update.
 */
export async function migrateStoredDocument(
  definition: Definition,
  field: string,
  old: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
  const name = `migration-${uuidv7()}`
  const storage = getRxStorageMemory()
  const collection = definition.name
  const before = await createRxDatabase({ name, storage })
  await before.addCollections({ [collection]: { schema: schemaBefore(definition, field) } })
  await before.collections[collection]!.insert(old)
  await before.close()

  const after = await createRxDatabase({ name, storage })
  try {
    await after.addCollections({
      [collection]: {
        schema: definition.rxSchema as unknown as Loose,
        migrationStrategies: definition.migrationStrategies,
      },
    })
    const stored = await after.collections[collection]!.findOne(String(old['id'])).exec()
    return stored ? (stored.toJSON() as Record<string, unknown>) : null
  } finally {
    await after.close()
  }
}
