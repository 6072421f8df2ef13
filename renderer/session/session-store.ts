import { createStore } from 'zustand/vanilla'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'
import type { SecretStore } from '../platform/platform'
import {
  ServerUnreachableError,
  type ServerApi,
  type SessionUser,
  type WorkspaceSummary,
} from './server-api'

export const TOKEN_KEY = 'session:main'

export type SessionPhase = 'restoring' | 'signed-out' | 'signed-in'

export interface SessionState {
  phase: SessionPhase
  user: SessionUser | null
  /** In memory only; the durable copy is in the platform's secret store. */
  token: string | null
  workspaces: WorkspaceSummary[]
  workspaceId: string | null
  /**
   * The workspace each user of this device last had open: a new sign-in opens it again instead
   * of the personal workspace. Kept across sign-outs (it names nothing secret).
   */
  lastWorkspaceByUser: Record<string, string>
  /** Why the user was signed out (expired session), shown on the sign-in screen. */
  notice: string | null
  /** Why a workspace disappeared from this device (removed from it, or deleted), until dismissed. */
  workspaceNotice: string | null
  /** The server calls behind this session, for screens that manage members and invites. */
  api: ServerApi
  restore(): Promise<void>
  signIn(input: { email: string; password: string }): Promise<void>
  signUp(input: { email: string; password: string; displayName: string }): Promise<void>
  /** Signs in as a new sandbox demo user whose workspace has a linked sandbox creator. */
  trySandbox(): Promise<void>
  signOut(): Promise<void>
  selectWorkspace(workspaceId: string): void
  refreshWorkspaces(): Promise<void>
  /** The workspace is gone for this user and its local copy was purged: move to another one. */
  forgetWorkspace(workspaceId: string, notice: string): Promise<void>
  dismissWorkspaceNotice(): void
}

export interface SessionDeps {
  api: ServerApi
  secrets: SecretStore
  /** Where the non-secret part (user, workspaces, choice) is cached for offline starts. */
  cache: StateStorage
  /** Removes a workspace's local copy from this device (it is gone for this user). */
  purgeWorkspace?: (workspaceId: string) => Promise<void>
}

function isUnauthorized(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'data' in error &&
    (error as { data?: { code?: string } }).data?.code === 'UNAUTHORIZED'
  )
}

/**
 * The signed-in user and the chosen workspace. Offline first: with a stored token the studio opens
 * at once on the cached user and workspaces, then confirms with the server when it can. Only an
 * explicit refusal (expired or revoked session) signs the user out; an unreachable server does not.
 */
export function createSessionStore({ api, secrets, cache, purgeWorkspace }: SessionDeps) {
  return createStore<SessionState>()(
    persist(
      (set, get) => {
        const pickWorkspace = (workspaces: WorkspaceSummary[], preferred: string | null) =>
          workspaces.find((w) => w.id === preferred)?.id ?? workspaces[0]?.id ?? null

        const enter = async (token: string, user: SessionUser) => {
          await secrets.set(TOKEN_KEY, token)
          const last = get().lastWorkspaceByUser[user.id] ?? null
          set({ token, user, phase: 'signed-in', notice: null, workspaceId: last })
          await get().refreshWorkspaces()
        }

        const remember = (workspaceId: string | null) => {
          const userId = get().user?.id
          if (!userId || !workspaceId || get().lastWorkspaceByUser[userId] === workspaceId) return
          set({ lastWorkspaceByUser: { ...get().lastWorkspaceByUser, [userId]: workspaceId } })
        }

        const expire = async (notice: string) => {
          await secrets.delete(TOKEN_KEY)
          set({
            phase: 'signed-out',
            token: null,
            user: null,
            workspaces: [],
            workspaceId: null,
            notice,
          })
        }

        return {
          phase: 'restoring',
          user: null,
          token: null,
          workspaces: [],
          workspaceId: null,
          lastWorkspaceByUser: {},
          notice: null,
          workspaceNotice: null,
          api,

          async restore() {
            const token = await secrets.get(TOKEN_KEY)
            if (!token) {
              set({ phase: 'signed-out' })
              return
            }
            set({ token, phase: get().user ? 'signed-in' : 'restoring' })
            try {
              const { user } = await api.me()
              set({ user, phase: 'signed-in' })
              await get().refreshWorkspaces()
            } catch (error) {
              if (isUnauthorized(error)) return expire('Your session has ended. Sign in again.')
              // Offline: carry on with the cached user if there is one.
              if (!get().user)
                set({ phase: 'signed-out', token: null, notice: (error as Error).message })
            }
          },

          async signIn(input) {
            const result = await api.signIn(input)
            await enter(result.token, result.user)
          },

          async signUp(input) {
            const result = await api.signUp(input)
            await enter(result.token, result.user)
          },

          async trySandbox() {
            const result = await api.startSandboxDemo()
            await enter(result.token, result.user)
            get().selectWorkspace(result.workspaceId)
          },

          async signOut() {
            // Leave locally first: the studio closes, and with it the workspace's replication
            // and every area's requests, so none of them reaches the server with a session that
            // is being ended (they would be refused, 401, while the app is still open).
            const token = get().token
            await expire('')
            set({ notice: null })
            if (!token) return
            try {
              await api.signOut(token)
            } catch (error) {
              // Signing out locally must work offline; the server session then simply expires.
              if (!(error instanceof ServerUnreachableError) && !isUnauthorized(error)) throw error
            }
          },

          selectWorkspace(workspaceId) {
            if (!get().workspaces.some((w) => w.id === workspaceId)) return
            set({ workspaceId })
            remember(workspaceId)
          },

          async refreshWorkspaces() {
            try {
              const listed = await api.listWorkspaces()
              const { workspaces: cached, workspaceId: open } = get()
              // Workspaces this user lost since the last list: their local copies go. The open
              // one stays until its replication hears "gone" and purges it (WorkspaceData).
              const openLost = cached.find(
                (w) => w.id === open && !listed.some((l) => l.id === w.id),
              )
              for (const w of cached) {
                if (w.id !== open && !listed.some((l) => l.id === w.id))
                  void purgeWorkspace?.(w.id).catch(() => undefined)
              }
              const workspaces = openLost ? [...listed, openLost] : listed
              const workspaceId = pickWorkspace(workspaces, open)
              set({ workspaces, workspaceId })
              remember(workspaceId)
            } catch (error) {
              if (isUnauthorized(error)) return expire('Your session has ended. Sign in again.')
              if (!(error instanceof ServerUnreachableError)) throw error
            }
          },

          async forgetWorkspace(workspaceId, notice) {
            const workspaces = get().workspaces.filter((w) => w.id !== workspaceId)
            const next = get().workspaceId === workspaceId ? null : get().workspaceId
            set({
              workspaces,
              workspaceId: pickWorkspace(workspaces, next),
              workspaceNotice: notice,
            })
            // Removed once the studio has closed it (it may still be open right now).
            void purgeWorkspace?.(workspaceId).catch(() => undefined)
            await get()
              .refreshWorkspaces()
              .catch(() => undefined)
          },

          dismissWorkspaceNotice() {
            set({ workspaceNotice: null })
          },
        }
      },
      {
        name: 'reeldesk-session',
        storage: createJSONStorage(() => cache),
        // Never the token: it lives in the platform's secret store.
        partialize: (s) => ({
          user: s.user,
          workspaces: s.workspaces,
          workspaceId: s.workspaceId,
          lastWorkspaceByUser: s.lastWorkspaceByUser,
        }),
      },
    ),
  )
}

export type SessionStore = ReturnType<typeof createSessionStore>
