import { blobRef } from '../../../../shared/blobs/protocol'
import type { MediaDoc, PostDoc } from '../../../../shared/data/registry'
import type { ReeldeskDatabase } from '../../../data/database'
import type { TransferEndpoint } from '../../../transfers/transfer-queue'
import { useLocalMedia } from './local-media-store'
import type { MediaFileStore } from './media-store'
import { ORIGINAL, THUMBNAIL } from './media-transfers'

/**
 * How the transfer queue reads and keeps media files: originals and thumbnails from this
 * device's store, and the document updated once the server holds them (`sha256:<hash>` refs,
 * which other devices download from).
 */
export function mediaEndpoints(
  db: ReeldeskDatabase,
  files: MediaFileStore,
): Record<string, TransferEndpoint> {
  const docOf = async (id: string) => {
    const doc = await db.media.findOne(id).exec()
    if (!doc) throw new Error('this media item is no longer in the workspace')
    return doc
  }
  return {
    [ORIGINAL]: {
      read: async (job) => files.loadOriginal(job.endpoint.ref, job.label),
      uploaded: async (job, stored) => {
        const doc = await docOf(job.endpoint.ref)
        await doc.incrementalModify((d: MediaDoc) => ({
          ...d,
          sha256: stored.sha256,
          remoteRef: blobRef(stored.sha256),
          updatedAt: Date.now(),
        }))
        // The upload itself succeeded; a post this device cannot update is filled in by the
        // composer when someone who may edit it opens it.
        await pointPostsAtUpload(db, job.endpoint.ref, stored.sha256).catch(() => undefined)
      },
      write: async (job, file) => {
        const doc = await docOf(job.endpoint.ref)
        await files.saveOriginal(job.endpoint.ref, new File([file], doc.fileName))
        useLocalMedia.getState().markOriginal(job.endpoint.ref, true)
      },
    },
    [THUMBNAIL]: {
      read: async (job) => {
        const thumbnail = await files.loadThumbnail(job.endpoint.ref)
        if (!thumbnail) throw new Error('the thumbnail is no longer on this device')
        return thumbnail
      },
      uploaded: async (job, stored) => {
        const doc = await docOf(job.endpoint.ref)
        await doc.incrementalModify((d: MediaDoc) => ({
          ...d,
          thumbnailRef: blobRef(stored.sha256),
          updatedAt: Date.now(),
        }))
      },
      write: async (job, file) => {
        await files.saveThumbnail(job.endpoint.ref, file)
        useLocalMedia.getState().markThumbnail(job.endpoint.ref, file)
      },
    },
  }
}

/**
 * Posts waiting for this video (attached before its upload finished, e.g. "Publish…" from an
 * export) point at the server's copy now, so the server can publish them with the app closed.
 */
async function pointPostsAtUpload(db: ReeldeskDatabase, mediaId: string, sha256: string) {
  const posts = await db.posts.find({ selector: { mediaId } }).exec()
  for (const post of posts)
    await post.incrementalModify((p: PostDoc) =>
      p.video && p.video.ref === null && p.publish.state !== 'published'
        ? { ...p, video: { ...p.video, ref: blobRef(sha256), sha256 }, updatedAt: Date.now() }
        : p,
    )
}
