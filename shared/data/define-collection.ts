import type { z } from 'zod'
import type {
  BaseDoc,
  CollectionDefinition,
  CollectionName,
  RxJsonSchemaLike,
} from './collection-contract'
import { mergeDocuments } from './merge'

/**
 * Typed wrapper around `mergeDocuments`: the merged document is validated against the
 * collection's schema, so a merge can never hand RxDB or the server an invalid document.
 * A field-level merge of valid documents is nearly always valid; the exception is a union that
 * breaks a limit (both sides added tags past `maxItems`). Then the later side wins whole (its
 * server-owned fields still taken from remote), and failing that, remote: valid by construction.
 */
export function createMerge<T extends BaseDoc>(
  schema: z.ZodType<T>,
  options: { serverOwnedFields: readonly string[]; isServerOwnedDocument?: (doc: T) => boolean },
): (base: T | undefined, local: T, remote: T) => T {
  const remoteOwnedFields = options.serverOwnedFields
  return (base, local, remote) => {
    if (options.isServerOwnedDocument?.(remote)) return remote
    const merged = schema.safeParse(mergeDocuments(base, local, remote, { remoteOwnedFields }))
    if (merged.success) return merged.data
    if (local.updatedAt > remote.updatedAt) {
      const owned = Object.fromEntries(
        Object.entries(remote).filter(([key]) => remoteOwnedFields.includes(key)),
      )
      const later = schema.safeParse({ ...local, ...owned })
      if (later.success) return later.data
    }
    return remote
  }
}

export interface CollectionSpec<T extends BaseDoc> {
  name: CollectionName
  schema: z.ZodType<T>
  rxSchema: RxJsonSchemaLike
  serverOwnedFields: readonly (keyof T & string)[]
  accountScoped: boolean
  migrationStrategies?: CollectionDefinition<T>['migrationStrategies']
  clientCreatable?: boolean
  serverOwnedDefaults?: Readonly<Partial<T>>
  isServerOwnedDocument?: (doc: T) => boolean
}

/** Assembles a collection definition; every collection merges with the generic three-way merge. */
export function defineCollection<T extends BaseDoc>(
  spec: CollectionSpec<T>,
): CollectionDefinition<T> {
  const definition: CollectionDefinition<T> = {
    name: spec.name,
    schema: spec.schema,
    rxSchema: spec.rxSchema,
    // All collections are at version 0; a schema change bumps `version` and adds its step.
    migrationStrategies: spec.migrationStrategies ?? {},
    serverOwnedFields: spec.serverOwnedFields,
    accountScoped: spec.accountScoped,
    clientCreatable: spec.clientCreatable ?? true,
    serverOwnedDefaults: spec.serverOwnedDefaults ?? {},
    merge: createMerge(spec.schema, spec),
  }
  if (spec.isServerOwnedDocument) definition.isServerOwnedDocument = spec.isServerOwnedDocument
  return definition
}
