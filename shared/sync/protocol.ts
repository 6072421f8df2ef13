import { z } from 'zod'
import { COLLECTION_NAMES } from '../data/collection-contract'

/**
 * The replication wire protocol (RxDB pull / push / stream over tRPC), shared by the server's
 * procedures and the renderer's replication glue so both sides validate the same shapes.
 */

export const MAX_PULL_LIMIT = 1000
export const MAX_PUSH_ROWS = 1000
/** Largest request body the server reads (one push batch); larger ones are refused, not truncated. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024

export const collectionNameSchema = z.enum(COLLECTION_NAMES)
export const workspaceIdSchema = z.string().min(1).max(100)

/**
 * Protocol generation. Sync calls carry it (header `x-reeldesk-protocol`, or the stream's
 * connectionParams); a client older than the server's minimum is told to update instead of
 * misreading answers whose shape changed. 2: per-document refusals, access-aware checkpoints.
 */
export const PROTOCOL_VERSION = 2
export const PROTOCOL_HEADER = 'x-reeldesk-protocol'

const MAX_SCOPE_ACCOUNTS = 500

/**
 * What a member could read of a collection when a checkpoint was made (permissions.AccessScope):
 * the server compares it with what they may read now, and sends the documents that became
 * readable and purge orders for those that stopped being readable (README, "Access changes").
 */
export const scopeSnapshotSchema = z.union([
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('accounts'),
    accountIds: z.array(z.string().min(1).max(100)).max(MAX_SCOPE_ACCOUNTS).readonly(),
  }),
])
export type ScopeSnapshot = z.infer<typeof scopeSnapshotSchema>

/**
 * Server-assigned, gap-free per-workspace sequence of the last document seen, plus the access
 * scope the client holds documents for. `fill` is an access change being caught up on: documents
 * up to `seq` whose readability differs between what the client may hold (at least `has`, at most
 * `may`) and `scope`, walked in seq order after `after`; null when there is none. (Null, never
 * absent: RxDB merges each new checkpoint into the previous one key by key, so a key left out
 * would keep its old value.)
 */
export const checkpointSchema = z.strictObject({
  seq: z.number().int().min(0),
  scope: scopeSnapshotSchema.optional(),
  fill: z
    .strictObject({
      has: scopeSnapshotSchema,
      may: scopeSnapshotSchema,
      after: z.number().int().min(0),
    })
    .nullable()
    .optional(),
})
export type Checkpoint = z.infer<typeof checkpointSchema>

/**
 * A document as it travels: here only "a JSON object", checked without copying it (z.record
 * would rebuild every document of a 1000-document batch); its content is validated against the
 * collection's strict schema where it is written (the server on push, the client's storage).
 */
export type WireDocument = Record<string, unknown>
export const wireDocumentSchema = z.custom<WireDocument>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'must be a JSON object' },
)

export const pullInputSchema = z.strictObject({
  collection: collectionNameSchema,
  workspaceId: workspaceIdSchema,
  checkpoint: checkpointSchema.nullable(),
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT),
  /**
   * The highest workspace seq this client has had from the server (pulled, or acknowledged for
   * its own pushes). Above the server's current seq, the server lost data this client saw.
   */
  seen: z.number().int().min(0).optional(),
})
export type PullInput = z.infer<typeof pullInputSchema>

/**
 * `purge`: ids the member may no longer read (an access change). The client removes them from its
 * own database only, never by pushing tombstones. A batch is full when documents and purge ids
 * together reach the limit; a shorter one means "caught up".
 */
export const pullOutputSchema = z.strictObject({
  documents: z.array(wireDocumentSchema),
  purge: z.array(z.string().min(1).max(100)).optional(),
  checkpoint: checkpointSchema,
})
export type PullOutput = z.infer<typeof pullOutputSchema>

export const pushRowSchema = z.strictObject({
  assumedMasterState: wireDocumentSchema.optional(),
  newDocumentState: wireDocumentSchema,
})
export type PushRow = z.infer<typeof pushRowSchema>

export const pushInputSchema = z.strictObject({
  collection: collectionNameSchema,
  workspaceId: workspaceIdSchema,
  rows: z
    .array(pushRowSchema)
    .min(1)
    .max(MAX_PUSH_ROWS, { message: `a push carries at most ${MAX_PUSH_ROWS} documents` }),
})
export type PushInput = z.infer<typeof pushInputSchema>

/**
 * Why one pushed document was not written: `forbidden` (the member's role or a workflow rule),
 * `invalid` (it fails the collection's schema). The rest of the push is written regardless.
 */
export const rowRefusalSchema = z.strictObject({
  id: z.string().max(100),
  kind: z.enum(['forbidden', 'invalid']),
  reason: z.string().max(4000),
})
export type RowRefusal = z.infer<typeof rowRefusalSchema>

/**
 * `conflicts`: the stored masters of the rows that conflicted (RxDB semantics), only ever ones the
 * member may read. `refused`: rows not written, each with the reason to show beside it.
 */
export const pushOutputSchema = z.strictObject({
  conflicts: z.array(wireDocumentSchema),
  refused: z.array(rowRefusalSchema),
  /** The workspace seq after this push's commit; null when it wrote nothing. */
  seq: z.number().int().min(0).nullable(),
})
export type PushOutput = z.infer<typeof pushOutputSchema>

/** The current server copies of some documents (those the member may read; others are left out). */
export const fetchInputSchema = z.strictObject({
  collection: collectionNameSchema,
  workspaceId: workspaceIdSchema,
  ids: z.array(z.string().min(1).max(100)).min(1).max(MAX_PUSH_ROWS),
})
export type FetchInput = z.infer<typeof fetchInputSchema>
export const fetchOutputSchema = z.strictObject({ documents: z.array(wireDocumentSchema) })
export type FetchOutput = z.infer<typeof fetchOutputSchema>

/**
 * One stream per workspace, for all the collections a client replicates: browsers allow only six
 * HTTP/1.1 connections per host, so a stream per collection (ten) would starve every other request.
 */
export const streamInputSchema = z.strictObject({
  workspaceId: workspaceIdSchema,
  collections: z.array(collectionNameSchema).min(1).max(COLLECTION_NAMES.length),
})
export type StreamInput = z.infer<typeof streamInputSchema>

/**
 * 'RESYNC' first on every (re)connect and after an access change, so the client pulls whatever it
 * missed; then `{ collection, seq }` when documents it may read changed up to `seq`. The stream
 * only says "pull": documents always arrive through pull, whose checkpoint stays gap-free.
 */
export const streamEventSchema = z.union([
  z.literal('RESYNC'),
  z.strictObject({
    collection: collectionNameSchema,
    seq: z.number().int().min(0),
  }),
])
export type StreamEvent = z.infer<typeof streamEventSchema>

/** Procedure paths, for clients that call them untyped (the renderer cannot import server types). */
export const SYNC_PROCEDURES = {
  pull: 'sync.pull',
  push: 'sync.push',
  stream: 'sync.stream',
  fetch: 'sync.fetch',
} as const

/**
 * Machine-readable reasons carried in a refused call's `data.reason`, for the cases the client
 * handles by itself rather than by showing a message: the workspace is gone for this member
 * (purge its local copy), the checkpoint is ahead of the server (re-sync from scratch), the
 * client is too old for the server (ask for an update).
 */
export const REFUSAL_REASONS = [
  'NOT_A_MEMBER',
  'WORKSPACE_DELETED',
  'CHECKPOINT_AHEAD',
  'UPDATE_NEEDED',
] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]
export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === 'string' && (REFUSAL_REASONS as readonly string[]).includes(value)
}
