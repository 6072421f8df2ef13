import { z } from 'zod'
import { docId, sha256 } from '../data/fields'
import { MEDIA_MAX_FILE_BYTES } from '../ipc/media-files'

/**
 * Blob transfer between devices and the sync server (DESIGN §5): originals that follow a project
 * to another device, and later the videos of posts. Files are content-addressed by SHA-256,
 * stored once per workspace, uploaded in chunks over plain HTTP beside tRPC (tRPC is JSON) and
 * resumable at the byte the server last made durable. Shared by the server's routes and the
 * renderer's transfer queue, so both validate the same shapes.
 *
 *   POST   /blobs/v1/:ws/uploads               {sha256, size, scope}   → UploadStarted
 *   GET    /blobs/v1/:ws/uploads/:id                                    → UploadState
 *   PUT    /blobs/v1/:ws/uploads/:id?offset=N  (bytes)                  → UploadState
 *   POST   /blobs/v1/:ws/uploads/:id/complete                           → BlobStored
 *   DELETE /blobs/v1/:ws/uploads/:id                                    → 204
 *   GET    /blobs/v1/:ws/objects/:sha256       (Range allowed)          → bytes
 *   GET    /blobs/v1/:ws/usage                                          → StorageUsage
 *   PUT    /blobs/v1/:ws/settings              {keepOriginalsLocal}     → StorageUsage
 */

export const BLOB_ROUTE_PREFIX = '/blobs/v1/'

/** The largest file the server keeps: the import limit (see shared/ipc/media-files.ts). */
export const MAX_BLOB_BYTES = MEDIA_MAX_FILE_BYTES
/** What a client sends per PUT. Big enough to keep HTTP overhead low, small enough to retry. */
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024
/**
 * Chunks a client has on the wire before the first of them is acknowledged: the next one's
 * bytes travel while the server syncs the one before (each is still acknowledged only once it
 * is durable, in order). Two keep the link busy; more only hold memory.
 */
export const UPLOAD_CHUNKS_IN_FLIGHT = 2
/** What the server accepts per PUT (clients may send less, e.g. the last chunk). */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024

/** How documents refer to a stored blob (media.remoteRef, thumbnailRef, projects.exportRef). */
export const BLOB_REF_PREFIX = 'sha256:'
export const BLOB_REF_PATTERN = /sha256:([0-9a-f]{64})/g

export function blobRef(hash: string): string {
  return `${BLOB_REF_PREFIX}${hash}`
}

/** The hash a ref names, or null when the ref is not a blob ref (a device-local path). */
export function hashOfRef(ref: string | null | undefined): string | null {
  if (!ref?.startsWith(BLOB_REF_PREFIX)) return null
  const hash = ref.slice(BLOB_REF_PREFIX.length)
  return /^[0-9a-f]{64}$/.test(hash) ? hash : null
}

/**
 * Which documents a blob belongs to: it is readable by members who may read that collection for
 * that account (null = the workspace's shared library), and writable by those who may write it.
 */
export const BLOB_COLLECTIONS = ['media', 'projects', 'posts'] as const
export const blobScopeSchema = z.strictObject({
  collection: z.enum(BLOB_COLLECTIONS),
  accountId: docId.nullable(),
})
export type BlobScope = z.infer<typeof blobScopeSchema>

/** The size's upper bound is checked apart (FILE_TOO_BIG), so the refusal says what to do. */
export const startUploadSchema = z.strictObject({
  sha256,
  size: z.int().min(1, 'an empty file has nothing to upload').max(Number.MAX_SAFE_INTEGER),
  scope: blobScopeSchema,
})
export type StartUpload = z.infer<typeof startUploadSchema>

export const uploadStateSchema = z.strictObject({
  uploadId: z.string(),
  sha256,
  size: z.int().min(0),
  /** Bytes the server holds durably; the next PUT starts here. */
  received: z.int().min(0),
})
export type UploadState = z.infer<typeof uploadStateSchema>

export const uploadStartedSchema = z.discriminatedUnion('status', [
  /** Already stored and readable by this member: nothing to send. */
  z.strictObject({ status: z.literal('stored'), sha256, size: z.int().min(0) }),
  z.strictObject({ status: z.literal('uploading'), upload: uploadStateSchema }),
])
export type UploadStarted = z.infer<typeof uploadStartedSchema>

export const blobStoredSchema = z.strictObject({
  status: z.literal('stored'),
  sha256,
  size: z.int().min(0),
})
export type BlobStored = z.infer<typeof blobStoredSchema>

export const storageUsageSchema = z.strictObject({
  usedBytes: z.int().min(0),
  /** Bytes reserved by uploads in progress (they count towards the quota). */
  reservedBytes: z.int().min(0),
  quotaBytes: z.int().min(0),
  blobCount: z.int().min(0),
  /** Workspace setting: originals stay on the device that imported them. */
  keepOriginalsLocal: z.boolean(),
  /** Whether the asking member may change the setting. */
  mayChangeSettings: z.boolean(),
})
export type StorageUsage = z.infer<typeof storageUsageSchema>

export const storageSettingsSchema = z.strictObject({ keepOriginalsLocal: z.boolean() })
export type StorageSettings = z.infer<typeof storageSettingsSchema>

export const BLOB_ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  /** The PUT's offset is not where the server is: `received` says where to resume. */
  'OFFSET_MISMATCH',
  'FILE_TOO_BIG',
  'CHUNK_TOO_BIG',
  /** The workspace's storage is full. */
  'QUOTA_EXCEEDED',
  /** The server's disk is full. */
  'SERVER_FULL',
  /** The bytes received do not hash to the declared SHA-256: the upload starts over. */
  'CHECKSUM_MISMATCH',
  /** complete before every byte arrived. */
  'INCOMPLETE',
  'SHUTTING_DOWN',
  'INTERNAL',
] as const
export type BlobErrorCode = (typeof BLOB_ERROR_CODES)[number]

export const blobErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(BLOB_ERROR_CODES),
    message: z.string(),
    received: z.int().min(0).optional(),
  }),
})
export type BlobErrorBody = z.infer<typeof blobErrorSchema>

export const blobPaths = {
  uploads: (ws: string) => `${BLOB_ROUTE_PREFIX}${encodeURIComponent(ws)}/uploads`,
  upload: (ws: string, id: string) =>
    `${BLOB_ROUTE_PREFIX}${encodeURIComponent(ws)}/uploads/${encodeURIComponent(id)}`,
  complete: (ws: string, id: string) =>
    `${BLOB_ROUTE_PREFIX}${encodeURIComponent(ws)}/uploads/${encodeURIComponent(id)}/complete`,
  object: (ws: string, hash: string) =>
    `${BLOB_ROUTE_PREFIX}${encodeURIComponent(ws)}/objects/${hash}`,
  usage: (ws: string) => `${BLOB_ROUTE_PREFIX}${encodeURIComponent(ws)}/usage`,
  settings: (ws: string) => `${BLOB_ROUTE_PREFIX}${encodeURIComponent(ws)}/settings`,
}
