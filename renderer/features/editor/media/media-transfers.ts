import type { MediaDoc } from '../../../../shared/data/registry'
import { hashOfRef } from '../../../../shared/blobs/protocol'
import type { DownloadRequest, UploadRequest } from '../../../transfers/transfer-job'

/**
 * What should move between this device and the workspace's storage for its media: pure, so the
 * rules are tested apart from the queue.
 *
 * - An original this device holds that the server does not yet: upload it (unless the workspace
 *   keeps originals on their devices, or this member may not write that account's media).
 * - A thumbnail likewise (small, so first): other devices show it in the bin without the file.
 * - A thumbnail the server has and this device lacks: fetch it.
 * Originals are fetched on demand (a project that needs them is opened, or "Download").
 */
export const ORIGINAL = 'media-original'
export const THUMBNAIL = 'media-thumbnail'

/** Priorities: what the open project needs first, then thumbnails, then background uploads. */
export const PRIORITY = { needed: 10, thumbnail: 5, upload: 0 } as const

export interface LocalState {
  readonly original: Readonly<Record<string, boolean>>
  readonly thumbnail: Readonly<Record<string, boolean>>
}

export interface PlanOptions {
  readonly keepOriginalsLocal: boolean
  readonly mayWrite: (doc: MediaDoc) => boolean
}

export interface MediaTransferPlan {
  readonly uploads: UploadRequest[]
  readonly downloads: DownloadRequest[]
}

export function planMediaTransfers(
  docs: readonly MediaDoc[],
  local: LocalState,
  options: PlanOptions,
): MediaTransferPlan {
  const uploads: UploadRequest[] = []
  const downloads: DownloadRequest[] = []
  for (const doc of docs) {
    if (doc._deleted) continue
    const scope = { collection: 'media' as const, accountId: doc.accountId }
    const writable = options.mayWrite(doc)
    if (writable && local.thumbnail[doc.id] === true && !hashOfRef(doc.thumbnailRef)) {
      uploads.push({
        workspaceId: doc.workspaceId,
        label: `${doc.fileName} (thumbnail)`,
        endpoint: { type: THUMBNAIL, ref: doc.id },
        scope,
        size: 0,
        priority: PRIORITY.thumbnail,
      })
    }
    if (
      writable &&
      !options.keepOriginalsLocal &&
      local.original[doc.id] === true &&
      !hashOfRef(doc.remoteRef)
    ) {
      uploads.push({
        workspaceId: doc.workspaceId,
        label: doc.fileName,
        endpoint: { type: ORIGINAL, ref: doc.id },
        scope,
        sha256: doc.sha256,
        size: doc.sizeBytes,
        priority: PRIORITY.upload,
      })
    }
    const thumbHash = hashOfRef(doc.thumbnailRef)
    if (thumbHash && local.thumbnail[doc.id] === false) {
      downloads.push({
        workspaceId: doc.workspaceId,
        label: `${doc.fileName} (thumbnail)`,
        endpoint: { type: THUMBNAIL, ref: doc.id },
        sha256: thumbHash,
        // Unknown until asked; the queue learns it from the first range it fetches.
        size: 0,
        priority: PRIORITY.thumbnail,
      })
    }
  }
  return { uploads, downloads }
}

/** Where a media item stands on this device, for the bin and the timeline. */
export type Availability =
  | 'local'
  /** Not here, but on the server: it can be downloaded. */
  | 'remote'
  /** Neither here nor uploaded: only the device that imported it has it (or had it). */
  | 'missing'
  /** Not checked yet. */
  | 'unknown'

export function availabilityOf(doc: MediaDoc, local: LocalState): Availability {
  const here = local.original[doc.id]
  if (here === true) return 'local'
  if (here === undefined) return 'unknown'
  return hashOfRef(doc.remoteRef) ? 'remote' : 'missing'
}

/** The downloads that bring a project's missing originals to this device. */
export function originalDownloads(
  docs: readonly MediaDoc[],
  local: LocalState,
  priority: number = PRIORITY.needed,
): DownloadRequest[] {
  return docs.flatMap((doc) => {
    const hash = hashOfRef(doc.remoteRef)
    if (!hash || local.original[doc.id] !== false) return []
    return [
      {
        workspaceId: doc.workspaceId,
        label: doc.fileName,
        endpoint: { type: ORIGINAL, ref: doc.id },
        sha256: hash,
        size: doc.sizeBytes,
        priority,
      },
    ]
  })
}
