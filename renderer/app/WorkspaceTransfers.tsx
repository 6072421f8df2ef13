import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { useRxDatabase } from 'rxdb/plugins/react'
import type { ReeldeskCollections, ReeldeskDatabase } from '../data/database'
import { mediaEndpoints } from '../features/editor/media/media-endpoints'
import { MediaSync } from '../features/editor/media/MediaSync'
import { currentPlatform } from '../platform'
import { createBlobApi, type BlobApi } from '../transfers/blob-api'
import { createTransferQueue, type TransferQueue } from '../transfers/transfer-queue'
import { indexedDbPersistence, opfsPartials } from '../transfers/transfer-storage'

export interface WorkspaceTransfers {
  workspaceId: string
  api: BlobApi
  queue: TransferQueue
}

const TransfersContext = createContext<WorkspaceTransfers | null>(null)

/** The open workspace's transfer queue and blob API. */
export function useTransfers(): WorkspaceTransfers {
  const transfers = useContext(TransfersContext)
  if (!transfers) throw new Error('useTransfers outside a workspace')
  return transfers
}

/**
 * One transfer queue per open workspace: media originals and thumbnails now, post videos when
 * publishing registers its endpoint. Only the tab that syncs the workspace (the leader, in web
 * mode) moves files, so two tabs never upload the same one; the queue is saved on the device and
 * picks up where it was after a restart.
 */
export function WorkspaceTransfersProvider({
  serverUrl,
  workspaceId,
  token,
  children,
}: {
  serverUrl: string
  workspaceId: string
  token: () => string | null
  children: ReactNode
}) {
  const db: ReeldeskDatabase = useRxDatabase<ReeldeskCollections>()
  const [value, setValue] = useState<WorkspaceTransfers | null>(null)

  useEffect(() => {
    const api = createBlobApi({ serverUrl, token })
    const queue = createTransferQueue({
      workspaceId,
      api,
      persistence: indexedDbPersistence(),
      partials: opfsPartials(),
      endpoints: mediaEndpoints(db, currentPlatform().media),
    })
    let stopped = false
    void db.waitForLeadership().then(() => {
      if (!stopped) void queue.start()
    })
    const online = () => queue.networkBack()
    window.addEventListener('online', online)
    setValue({ workspaceId, api, queue })
    return () => {
      stopped = true
      window.removeEventListener('online', online)
      void queue.stop()
      setValue(null)
    }
  }, [db, serverUrl, workspaceId, token])

  return (
    <TransfersContext.Provider value={value}>
      {value ? (
        <>
          <MediaSync transfers={value} />
          {children}
        </>
      ) : null}
    </TransfersContext.Provider>
  )
}
