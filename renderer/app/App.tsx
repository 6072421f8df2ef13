import { lazy, Suspense, useCallback, useEffect, useMemo } from 'react'
import type { Platform } from '../platform'
import { AuthScreen } from '../session/AuthScreen'
import { createServerApi } from '../session/server-api-client'
import { SessionProvider, useSession } from '../session/session-context'
import { createSessionStore, type SessionStore } from '../session/session-store'
import { AREAS } from './areas'
import { useNavigation } from './navigation-store'
import { useTheme } from './theme-store'

const SignedInStudio = lazy(() => import('./SignedInStudio'))

function useDocumentChrome() {
  const theme = useTheme((s) => s.theme)
  const area = useNavigation((s) => s.area)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
  useEffect(() => {
    document.title = `${AREAS.find((a) => a.id === area)?.label ?? ''} · Reeldesk`
  }, [area])
}

function SessionGate({
  platform,
  serverUrl,
  store,
}: {
  platform: Platform
  serverUrl: string
  store: SessionStore
}) {
  const phase = useSession((s) => s.phase)
  const workspaceId = useSession((s) => s.workspaceId)
  const userId = useSession((s) => s.user?.id)
  const token = useCallback(() => store.getState().token, [store])
  const refused = useCallback(() => void store.getState().restore(), [store])
  const gone = useCallback(
    (id: string, message: string) => void store.getState().forgetWorkspace(id, message),
    [store],
  )
  if (phase === 'restoring') return <p className="loading">Opening Reeldesk…</p>
  if (phase === 'signed-out' || !userId) return <AuthScreen />
  if (!workspaceId) return <p className="loading">Loading your workspaces…</p>
  return (
    <Suspense fallback={<p className="loading">Opening the studio…</p>}>
      <SignedInStudio
        key={`${userId}/${workspaceId}`}
        platform={platform}
        serverUrl={serverUrl}
        workspaceId={workspaceId}
        token={token}
        onSessionRefused={refused}
        onWorkspaceGone={gone}
      />
    </Suspense>
  )
}

export function App({ platform, serverUrl }: { platform: Platform; serverUrl: string }) {
  useDocumentChrome()
  const store = useMemo(() => {
    const created = createSessionStore({
      api: createServerApi(serverUrl, () => created.getState().token),
      secrets: platform.secrets,
      cache: window.localStorage,
      // Loaded on demand: the sign-in screen does not need RxDB.
      purgeWorkspace: async (workspaceId) => {
        const data = await import('../data/workspace-db')
        await data.purgeWorkspace(workspaceId)
      },
    })
    return created
  }, [platform, serverUrl])
  useEffect(() => {
    void store.getState().restore()
  }, [store])
  return (
    <SessionProvider store={store}>
      <SessionGate platform={platform} serverUrl={serverUrl} store={store} />
    </SessionProvider>
  )
}
