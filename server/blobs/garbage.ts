import { BLOB_REF_PATTERN } from '../../shared/blobs/protocol'
import { createLogger } from '../../shared/logger'
import type { Database } from '../db/connect'
import { writeTransaction } from '../db/transaction'
import { toNumber } from '../db/values'
import type { BlobStore } from './blob-store'

const log = createLogger('blob-gc')

export interface GarbageOptions {
  /** A blob unreferenced for less than this is kept: its document may not have synced yet. */
  unreferencedGraceMs: number
  /** An upload untouched for this long is abandoned. */
  abandonedUploadMs: number
  /** A file with no row is removed only when older than this (a promotion may be under way). */
  orphanFileGraceMs: number
  now?: number
}

export const DEFAULT_GARBAGE_OPTIONS: GarbageOptions = {
  unreferencedGraceMs: 24 * 60 * 60_000,
  abandonedUploadMs: 7 * 24 * 60 * 60_000,
  orphanFileGraceMs: 60 * 60_000,
}

export interface GarbageReport {
  releasedBlobs: number
  releasedBytes: number
  removedObjects: number
  removedUploads: number
}

/**
 * Every blob hash a workspace's live documents mention (media originals and thumbnails, project
 * exports, post videos — any field holding a `sha256:<hex>` ref), read in pages.
 */
export async function referencedHashes(
  database: Database,
  workspaceId: string,
): Promise<Set<string>> {
  const found = new Set<string>()
  let afterSeq = -1
  for (;;) {
    const rows = await database.db
      .selectFrom('documents')
      .select(['seq', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('deleted', '=', 0)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(1000)
      .execute()
    for (const row of rows) {
      const text = typeof row.data === 'string' ? row.data : JSON.stringify(row.data)
      for (const match of text.matchAll(BLOB_REF_PATTERN)) if (match[1]) found.add(match[1])
    }
    if (rows.length < 1000) return found
    afterSeq = toNumber(rows.at(-1)?.seq ?? afterSeq)
  }
}

/**
 * Frees what nothing references: a workspace's blobs no live document names (after a grace
 * period), objects no workspace holds any more, files without a row, abandoned uploads.
 * Safe to run while the server serves: each removal re-checks inside its transaction, and an
 * object file is deleted only when it has had no row for a while.
 */
export async function collectGarbage(
  database: Database,
  store: BlobStore,
  options: GarbageOptions = DEFAULT_GARBAGE_OPTIONS,
): Promise<GarbageReport> {
  const now = options.now ?? Date.now()
  const { db } = database
  const report: GarbageReport = {
    releasedBlobs: 0,
    releasedBytes: 0,
    removedObjects: 0,
    removedUploads: 0,
  }

  const workspaces = await db
    .selectFrom('workspace_blobs')
    .select('workspace_id')
    .distinct()
    .execute()
  for (const { workspace_id: workspaceId } of workspaces) {
    const referenced = await referencedHashes(database, workspaceId)
    const candidates = await db
      .selectFrom('workspace_blobs')
      .select(['sha256', 'size'])
      .where('workspace_id', '=', workspaceId)
      .where('created_at', '<', now - options.unreferencedGraceMs)
      .execute()
    for (const blob of candidates) {
      if (referenced.has(blob.sha256)) continue
      await writeTransaction(database, async (trx) => {
        await trx
          .deleteFrom('blob_grants')
          .where('workspace_id', '=', workspaceId)
          .where('sha256', '=', blob.sha256)
          .execute()
        await trx
          .deleteFrom('workspace_blobs')
          .where('workspace_id', '=', workspaceId)
          .where('sha256', '=', blob.sha256)
          .execute()
      })
      report.releasedBlobs += 1
      report.releasedBytes += toNumber(blob.size)
    }
  }

  // Objects no workspace holds: the row goes first (in a transaction that re-checks), the file
  // later, by the orphan sweep below once it is old enough.
  const unheld = await db
    .selectFrom('blob_objects')
    .select('sha256')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('workspace_blobs')
            .select('sha256')
            .whereRef('workspace_blobs.sha256', '=', 'blob_objects.sha256'),
        ),
      ),
    )
    .execute()
  for (const { sha256 } of unheld) {
    await writeTransaction(database, (trx) =>
      trx
        .deleteFrom('blob_objects')
        .where('sha256', '=', sha256)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('workspace_blobs')
                .select('sha256')
                .where('workspace_blobs.sha256', '=', sha256),
            ),
          ),
        )
        .execute(),
    )
  }

  const rows = new Set(
    (await db.selectFrom('blob_objects').select('sha256').execute()).map((r) => r.sha256),
  )
  for (const file of await store.listObjects()) {
    if (rows.has(file.hash) || now - file.mtimeMs < options.orphanFileGraceMs) continue
    // A promotion in progress renames a fresh file here and then inserts the row: a file
    // older than the grace period with no row is not one of those.
    await store.removeObject(file.hash)
    report.removedObjects += 1
  }

  const abandoned = await db
    .selectFrom('blob_uploads')
    .select('id')
    .where('updated_at', '<', now - options.abandonedUploadMs)
    .execute()
  for (const { id } of abandoned) {
    await writeTransaction(database, (trx) =>
      trx.deleteFrom('blob_uploads').where('id', '=', id).execute(),
    )
    await store.removeUpload(id)
    report.removedUploads += 1
  }
  if (report.releasedBlobs || report.removedObjects || report.removedUploads) {
    log.info('blob garbage collected', { ...report })
  }
  return report
}
