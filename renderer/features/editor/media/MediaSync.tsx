import { useEffect, useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import { can } from '../../../../shared/auth/permissions'
import type { MediaDoc } from '../../../../shared/data/registry'
import { createLogger } from '../../../../shared/logger'
import type { WorkspaceTransfers } from '../../../app/WorkspaceTransfers'
import { useWorkspaceMember } from '../../../app/use-workspace-member'
import { currentPlatform } from '../../../platform'
import { useLocalMedia } from './local-media-store'
import { planMediaTransfers } from './media-transfers'
import { useStorage } from './storage-store'

const log = createLogger('media-sync')

/**
 * Keeps the workspace's media and its storage in step (renders nothing): learns what this
 * device holds, uploads the originals and thumbnails the server lacks, fetches the thumbnails it
 * lacks, and reads the workspace's storage figures. Originals are fetched on demand (see
 * useNeededOriginals).
 */
export function MediaSync({ transfers }: { transfers: WorkspaceTransfers }) {
  const { workspaceId, api, queue } = transfers
  const { member } = useWorkspaceMember()
  const query = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results } = useLiveRxQuery<MediaDoc>({ collection: 'media', query })
  const docs = useMemo(() => results.map((d) => d.toJSON() as MediaDoc), [results])
  const original = useLocalMedia((s) => s.original)
  const thumbnail = useLocalMedia((s) => s.thumbnail)
  const keepOriginalsLocal = useStorage((s) => s.usage?.keepOriginalsLocal ?? null)

  useEffect(() => {
    useLocalMedia.getState().reset()
    useStorage.getState().reset()
    void useStorage.getState().refresh(api, workspaceId)
    // Uploads change the figures: read them again when one finishes.
    let done = 0
    return queue.store.subscribe((s) => {
      const finished = s.jobs.filter((j) => j.status === 'done').length
      if (finished !== done) {
        done = finished
        void useStorage.getState().refresh(api, workspaceId)
      }
    })
  }, [api, queue, workspaceId])

  // What this device holds, checked once per item.
  useEffect(() => {
    const files = currentPlatform().media
    const local = useLocalMedia.getState()
    for (const doc of docs) {
      if (local.original[doc.id] === undefined) {
        void files
          .hasOriginal(doc.id)
          .then((present) => useLocalMedia.getState().markOriginal(doc.id, present))
          .catch((error: unknown) => log.warn('could not check a file', { error: String(error) }))
      }
      if (local.thumbnail[doc.id] === undefined) {
        void files
          .loadThumbnail(doc.id)
          .then((blob) => useLocalMedia.getState().markThumbnail(doc.id, blob))
          .catch(() => useLocalMedia.getState().markThumbnail(doc.id, null))
      }
    }
  }, [docs])

  // Uploads and thumbnail downloads, once the workspace's setting is known.
  useEffect(() => {
    if (keepOriginalsLocal === null || !member) return
    const plan = planMediaTransfers(
      docs,
      { original, thumbnail },
      {
        keepOriginalsLocal,
        mayWrite: (doc) => can(member, 'write', 'media', { accountId: doc.accountId }),
      },
    )
    const state = queue.store.getState()
    for (const upload of plan.uploads) state.enqueueUpload(upload)
    for (const download of plan.downloads) state.enqueueDownload(download)
  }, [docs, original, thumbnail, keepOriginalsLocal, member, queue])

  return null
}
