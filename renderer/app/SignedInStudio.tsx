import { OAuthReturn } from '../features/accounts/OAuthReturn'
import type { Platform } from '../platform'
import { Studio } from './Studio'
import { WorkspaceData } from './WorkspaceData'
import { WorkspaceTransfersProvider } from './WorkspaceTransfers'

interface SignedInStudioProps {
  platform: Platform
  serverUrl: string
  workspaceId: string
  token: () => string | null
  onSessionRefused: () => void
  onWorkspaceGone: (workspaceId: string, message: string) => void
}

/**
 * Everything that needs the local database: loaded lazily, so the sign-in screen does not wait
 * for RxDB, Dexie and the replication client to download and parse.
 */
export default function SignedInStudio({ platform, ...data }: SignedInStudioProps) {
  return (
    <WorkspaceData {...data}>
      {/* Web mode: a platform sign-in returning to /oauth-callback is finished here. */}
      <OAuthReturn />
      <WorkspaceTransfersProvider
        serverUrl={data.serverUrl}
        workspaceId={data.workspaceId}
        token={data.token}
      >
        <Studio platform={platform} />
      </WorkspaceTransfersProvider>
    </WorkspaceData>
  )
}
