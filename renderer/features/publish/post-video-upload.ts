import type { RxCollection } from 'rxdb'
import type { MediaDoc, PostDoc } from '../../../shared/data/registry'
import { defaultCoverMs, postVideoProblems } from '../../../shared/publishing/post-video'
import { currentPlatform } from '../../platform'
import { MediaImportError } from '../editor/media/import-error'
import { importMedia } from '../editor/media/import-media'
import { useLocalMedia } from '../editor/media/local-media-store'
import { ORIGINAL, PRIORITY } from '../editor/media/media-transfers'
import type { TransferQueue } from '../../transfers/transfer-queue'

export type PostVideoResult = { ok: true; media: MediaDoc } | { ok: false; problems: string[] }

/**
 * A file picked (or dropped, or rendered by the editor) as a post's video: read and checked
 * against what the platform accepts, kept on this device as a library item of the account, and
 * queued for upload at once — a post needs its video on the server even when the workspace keeps
 * other originals on their devices. The queue resumes it after a restart or a network drop.
 */
export async function attachPostVideo(
  file: File,
  target: { workspaceId: string; accountId: string },
  maxDurationSec: number | null,
  deps: { media: RxCollection<MediaDoc>; queue: TransferQueue },
): Promise<PostVideoResult> {
  const store = currentPlatform().media
  let imported
  try {
    imported = await importMedia(file, target, { store })
  } catch (error) {
    if (error instanceof MediaImportError) return { ok: false, problems: [error.message] }
    throw error
  }
  const { doc, probe } = imported
  const problems = postVideoProblems(
    {
      mimeType: probe.mimeType,
      sizeBytes: probe.sizeBytes,
      durationMs: probe.durationMs,
      width: probe.displayWidth,
      height: probe.displayHeight,
      fps: probe.fps,
      videoCodec: probe.codecs.video,
    },
    maxDurationSec,
  )
  if (problems.length) {
    // Nothing is kept of a refused file.
    await store.remove(doc.id).catch(() => undefined)
    return { ok: false, problems: problems.map((p) => p.message) }
  }
  await deps.media.upsert(doc)
  useLocalMedia.getState().markOriginal(doc.id, true)
  const thumbnail = await store.loadThumbnail(doc.id).catch(() => null)
  useLocalMedia.getState().markThumbnail(doc.id, thumbnail)
  queuePostVideoUpload(doc, deps.queue)
  return { ok: true, media: doc }
}

/** The media library's own upload job for the original (one job per file), sent first. */
export function queuePostVideoUpload(doc: MediaDoc, queue: TransferQueue) {
  if (doc.remoteRef !== null) return
  queue.store.getState().enqueueUpload({
    workspaceId: doc.workspaceId,
    label: doc.fileName,
    endpoint: { type: ORIGINAL, ref: doc.id },
    scope: { collection: 'media', accountId: doc.accountId },
    sha256: doc.sha256,
    size: doc.sizeBytes,
    priority: PRIORITY.needed,
  })
}

/** The post's video fields for a library item (its server copy's ref once uploaded). */
export function postVideoOf(media: MediaDoc): Pick<PostDoc, 'mediaId' | 'coverMs' | 'video'> {
  return {
    mediaId: media.id,
    coverMs: defaultCoverMs(media.durationMs ?? 0),
    video: {
      fileName: media.fileName,
      sizeBytes: media.sizeBytes,
      durationMs: media.durationMs ?? 0,
      width: media.width ?? 0,
      height: media.height ?? 0,
      sha256: media.sha256,
      ref: media.remoteRef,
    },
  }
}
