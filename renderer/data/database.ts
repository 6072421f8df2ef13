import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb'
import { RxDBCleanupPlugin } from 'rxdb/plugins/cleanup'
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv'
import { COLLECTION_NAMES, type CollectionName } from '../../shared/data/collection-contract'
import { collections, type CollectionDocs } from '../../shared/data/registry'
import { conflictHandlerFor } from './conflict-handler'

// Local documents hold device state (refused changes, the replication epoch); cleanup removes
// purged documents for good (replication.ts).
addRxPlugin(RxDBLocalDocumentsPlugin)
addRxPlugin(RxDBCleanupPlugin)
// Collections past schema version 0 (accounts, projects: 1) migrate stored documents when they
// open.
addRxPlugin(RxDBMigrationSchemaPlugin)

export type ReeldeskCollections = { [K in CollectionName]: RxCollection<CollectionDocs[K]> }
export type ReeldeskDatabase = RxDatabase<ReeldeskCollections>

export interface CreateDatabaseOptions<Internals, InstanceCreationOptions> {
  /** Dexie (IndexedDB) in the app; memory storage in Node tests. */
  storage: RxStorage<Internals, InstanceCreationOptions>
  name: string
  /** Validate every write with ajv against the collection's JSON schema (default true). */
  validate?: boolean
  /**
   * Collections to open (default all ten). The free RxDB build allows 13 open collections per
   * JS process: tests running several clients in one process open a few each.
   */
  only?: readonly CollectionName[]
  multiInstance?: boolean
}

function collectionConfig<K extends CollectionName>(name: K) {
  const definition = collections[name]
  return {
    // The registry keeps JSON schemas structural so shared/ does not depend on rxdb's types.
    schema: definition.rxSchema as RxJsonSchema<CollectionDocs[K]>,
    migrationStrategies: definition.migrationStrategies,
    conflictHandler: conflictHandlerFor(definition),
  }
}

/** The renderer's database: the replicated collections from the registry, merging on conflict. */
export async function createReeldeskDatabase<Internals, InstanceCreationOptions>(
  options: CreateDatabaseOptions<Internals, InstanceCreationOptions>,
): Promise<ReeldeskDatabase> {
  const storage =
    options.validate === false
      ? options.storage
      : wrappedValidateAjvStorage({ storage: options.storage })
  const db = await createRxDatabase<ReeldeskCollections>({
    name: options.name,
    storage,
    multiInstance: options.multiInstance ?? false,
    localDocuments: true,
  })
  const names = options.only ?? COLLECTION_NAMES
  try {
    const config = Object.fromEntries(names.map((name) => [name, collectionConfig(name)]))
    await db.addCollections(config)
  } catch (error) {
    await db.close()
    throw error
  }
  return db
}
