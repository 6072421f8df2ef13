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

/** Server-assigned, gap-free per-workspace sequence of the last document seen. */
export const checkpointSchema = z.strictObject({ seq: z.number().int().min(0) })
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
})
export type PullInput = z.infer<typeof pullInputSchema>

export const pullOutputSchema = z.strictObject({
  documents: z.array(wireDocumentSchema),
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

/** The stored masters of the rows that conflicted (RxDB semantics); empty when all were written. */
export const pushOutputSchema = z.array(wireDocumentSchema)
export type PushOutput = z.infer<typeof pushOutputSchema>

/**
 * One stream per workspace, for all the collections a client replicates: browsers allow only six
 * HTTP/1.1 connections per host, so a stream per collection (ten) would starve every other request.
 */
export const streamInputSchema = z.strictObject({
  workspaceId: workspaceIdSchema,
  collections: z.array(collectionNameSchema).min(1).max(COLLECTION_NAMES.length),
})
export type StreamInput = z.infer<typeof streamInputSchema>

/** 'RESYNC' first on every (re)connect, so the client pulls whatever it missed while away. */
export const streamEventSchema = z.union([
  z.literal('RESYNC'),
  z.strictObject({
    collection: collectionNameSchema,
    documents: z.array(wireDocumentSchema),
    checkpoint: checkpointSchema,
  }),
])
export type StreamEvent = z.infer<typeof streamEventSchema>

/** Procedure paths, for clients that call them untyped (the renderer cannot import server types). */
export const SYNC_PROCEDURES = {
  pull: 'sync.pull',
  push: 'sync.push',
  stream: 'sync.stream',
} as const
