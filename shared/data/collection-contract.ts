import type { z } from 'zod'

/**
 * The contract every replicated collection fulfils (DESIGN §3). The server validates pushes with
 * `schema`, strips nothing (schemas are strict), refuses changes to `serverOwnedFields`, and
 * scopes creator-role access by `accountScoped`; the client builds its RxDB collection from
 * `rxSchema` + `migrationStrategies` and resolves conflicts with `merge`.
 */
export const COLLECTION_NAMES = [
  'workspaces',
  'accounts',
  'media',
  'projects',
  'posts',
  'metrics',
  'ledger',
  'deals',
  'messages',
  'products',
] as const

export type CollectionName = (typeof COLLECTION_NAMES)[number]

export function isCollectionName(value: string): value is CollectionName {
  return (COLLECTION_NAMES as readonly string[]).includes(value)
}

/** Fields every replicated document carries. */
export interface BaseDoc {
  /** Client-generated UUIDv7. */
  id: string
  workspaceId: string
  /** Epoch milliseconds of the last local change (informational: ordering uses server seq). */
  updatedAt: number
  /** Tombstone: documents are never hard-deleted. */
  _deleted: boolean
}

/** A JSON schema as RxDB takes it (kept structural here so shared/ does not import rxdb). */
export interface RxJsonSchemaLike {
  version: number
  primaryKey: string
  type: 'object'
  properties: Record<string, unknown>
  required?: readonly string[]
  indexes?: readonly (string | readonly string[])[]
  additionalProperties?: boolean
  [key: string]: unknown
}

export interface CollectionDefinition<T extends BaseDoc = BaseDoc> {
  name: CollectionName
  /** Strict zod schema of a whole document, `_deleted` included. */
  schema: z.ZodType<T>
  rxSchema: RxJsonSchemaLike
  /** Keyed by target schema version, as RxDB expects. */
  /** Per target version; returning null drops the local document (RxDB's rule). */
  migrationStrategies: Record<
    number,
    (old: Record<string, unknown>) => Record<string, unknown> | null
  >
  /** Top-level fields only the server (connectors, membership service) may change. */
  serverOwnedFields: readonly string[]
  /** True when the document has an `accountId` and creators only see their accounts' docs. */
  accountScoped: boolean
  /**
   * Three-way merge: `base` is the common ancestor (RxDB's assumedMasterState; undefined when the
   * document was created on both sides), `local` the client's fork, `remote` the server's master.
   * Different fields both survive; arrays of objects with `id` merge by id; the same field takes
   * the edit with the later `updatedAt`.
   */
  merge(base: T | undefined, local: T, remote: T): T
  /**
   * Whether a client may create documents of this collection by pushing them. False where the
   * server makes them (workspaces: the membership service; metrics: connectors). Absent = true.
   */
  clientCreatable?: boolean
  /**
   * The value each of `serverOwnedFields` must hold in a client-created document (e.g. a new
   * post's `publish` is the idle state), compared by value. Absent = no constraint.
   */
  serverOwnedDefaults?: Readonly<Record<string, unknown>>
  /**
   * Whole documents only the server writes inside an otherwise client-writable collection (a
   * ledger entry whose `source` is 'connector'; every metrics snapshot). Clients may not create,
   * change or delete them, and `merge` returns the server's copy. Absent = none.
   */
  isServerOwnedDocument?(doc: T): boolean
}
