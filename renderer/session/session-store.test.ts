import { describe, expect, it, vi } from 'vitest'
import type { StateStorage } from 'zustand/middleware'
import type { SecretStore } from '../platform/platform'
import { ServerUnreachableError, type ServerApi } from './server-api'
import { createSessionStore, TOKEN_KEY } from './session-store'

const user = { id: 'u1', email: 'a@example.com', displayName: 'Ada' }
const workspaces = [
  { id: 'w1', name: 'Ada', kind: 'personal' as const, role: 'owner' as const },
  { id: 'w2', name: 'Agency', kind: 'agency' as const, role: 'editor' as const },
]

function memorySecrets(initial: Record<string, string> = {}): SecretStore {
  const map = new Map(Object.entries(initial))
  return {
    get: async (k) => map.get(k) ?? null,
    set: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
  }
}

function memoryCache(initial: Record<string, string> = {}): StateStorage {
  const map = new Map(Object.entries(initial))
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  }
}

function fakeApi(overrides: Partial<ServerApi> = {}): ServerApi {
  const fail = () => Promise.reject(new Error('not used'))
  return {
    signUp: async () => ({ token: 't-new', expiresAt: 0, user }),
    signIn: async () => ({ token: 't1', expiresAt: 0, user }),
    signOut: async () => undefined,
    me: async () => ({ user }),
    sessions: fail,
    revokeSession: fail,
    listWorkspaces: async () => workspaces,
    createWorkspace: fail,
    createInvite: fail,
    acceptInvite: fail,
    changeRole: fail,
    removeMember: fail,
    leaveWorkspace: fail,
    transferOwnership: fail,
    deleteWorkspace: fail,
    auditLog: fail,
    platformOptions: fail,
    linkSandbox: fail,
    beginLink: fail,
    completeLink: fail,
    syncNow: fail,
    unlink: fail,
    recordDealPayment: fail,
    retryBrandReply: fail,
    startSandboxDemo: fail,
    creatorInfo: fail,
    importAnalytics: fail,
    ...overrides,
  }
}

const unauthorized = Object.assign(new Error('session expired'), { data: { code: 'UNAUTHORIZED' } })

describe('session store', () => {
  it('signs in, stores the token as a secret and picks the first workspace', async () => {
    const secrets = memorySecrets()
    const cache = memoryCache()
    const store = createSessionStore({ api: fakeApi(), secrets, cache })
    await store.getState().signIn({ email: user.email, password: 'x' })
    expect(store.getState()).toMatchObject({ phase: 'signed-in', user, workspaceId: 'w1' })
    expect(await secrets.get(TOKEN_KEY)).toBe('t1')
    expect(cache.getItem('reeldesk-session')).not.toContain('t1')
  })

  it('restores offline from the cached user when the server is unreachable', async () => {
    const cached = JSON.stringify({ state: { user, workspaces, workspaceId: 'w2' }, version: 0 })
    const unreachable = () => Promise.reject(new ServerUnreachableError())
    const store = createSessionStore({
      api: fakeApi({ me: unreachable, listWorkspaces: unreachable }),
      secrets: memorySecrets({ [TOKEN_KEY]: 't1' }),
      cache: memoryCache({ 'reeldesk-session': cached }),
    })
    await store.getState().restore()
    expect(store.getState()).toMatchObject({
      phase: 'signed-in',
      user,
      workspaceId: 'w2',
      token: 't1',
    })
  })

  it('signs out with a notice when the server refuses the stored session', async () => {
    const secrets = memorySecrets({ [TOKEN_KEY]: 'old' })
    const store = createSessionStore({
      api: fakeApi({ me: () => Promise.reject(unauthorized) }),
      secrets,
      cache: memoryCache(),
    })
    await store.getState().restore()
    expect(store.getState()).toMatchObject({
      phase: 'signed-out',
      notice: 'Your session has ended. Sign in again.',
    })
    expect(await secrets.get(TOKEN_KEY)).toBeNull()
  })

  it('starts signed out without a token', async () => {
    const me = vi.fn()
    const store = createSessionStore({
      api: fakeApi({ me }),
      secrets: memorySecrets(),
      cache: memoryCache(),
    })
    await store.getState().restore()
    expect(store.getState().phase).toBe('signed-out')
    expect(me).not.toHaveBeenCalled()
  })

  it('signs out locally even when offline', async () => {
    const secrets = memorySecrets()
    const store = createSessionStore({
      api: fakeApi({ signOut: () => Promise.reject(new ServerUnreachableError()) }),
      secrets,
      cache: memoryCache(),
    })
    await store.getState().signIn({ email: user.email, password: 'x' })
    await store.getState().signOut()
    expect(store.getState()).toMatchObject({ phase: 'signed-out', token: null, user: null })
    expect(await secrets.get(TOKEN_KEY)).toBeNull()
  })

  it('leaves the session on the device before ending it on the server, with its token', async () => {
    const seen: { token: string; phase: string }[] = []
    const store = createSessionStore({
      api: fakeApi({
        signOut: async (token: string) => {
          seen.push({ token, phase: store.getState().phase })
        },
      }),
      secrets: memorySecrets(),
      cache: memoryCache(),
    })
    await store.getState().signIn({ email: user.email, password: 'x' })
    const token = store.getState().token
    await store.getState().signOut()
    expect(seen).toEqual([{ token, phase: 'signed-out' }])
  })

  it('opens the workspace this user last had open when they sign in again on this device', async () => {
    const cache = memoryCache()
    const store = createSessionStore({ api: fakeApi(), secrets: memorySecrets(), cache })
    await store.getState().signIn({ email: user.email, password: 'x' })
    store.getState().selectWorkspace('w2')
    await store.getState().signOut()
    expect(store.getState().workspaceId).toBeNull()
    // A fresh start of the app (new store, same device cache).
    const again = createSessionStore({ api: fakeApi(), secrets: memorySecrets(), cache })
    await again.getState().signIn({ email: user.email, password: 'x' })
    expect(again.getState().workspaceId).toBe('w2')
  })

  it('ignores a workspace the user is not a member of', async () => {
    const store = createSessionStore({
      api: fakeApi(),
      secrets: memorySecrets(),
      cache: memoryCache(),
    })
    await store.getState().signIn({ email: user.email, password: 'x' })
    store.getState().selectWorkspace('w2')
    expect(store.getState().workspaceId).toBe('w2')
    store.getState().selectWorkspace('someone-elses')
    expect(store.getState().workspaceId).toBe('w2')
  })

  it('purges the local copies of workspaces the user lost, and moves off one that is gone', async () => {
    let listed = workspaces
    const purged: string[] = []
    const store = createSessionStore({
      api: fakeApi({ listWorkspaces: async () => listed }),
      secrets: memorySecrets(),
      cache: memoryCache(),
      purgeWorkspace: async (id) => void purged.push(id),
    })
    await store.getState().signIn({ email: user.email, password: 'x' })
    store.getState().selectWorkspace('w2')
    // Removed from both: the closed one (w1) is purged at once; the open one (w2) stays until its
    // replication hears "gone" and purges it itself.
    listed = []
    await store.getState().refreshWorkspaces()
    expect(purged).toEqual(['w1'])
    expect(store.getState().workspaceId).toBe('w2')
    listed = workspaces.filter((w) => w.id === 'w1')
    await store.getState().forgetWorkspace('w2', 'You are no longer a member of this workspace.')
    expect(store.getState()).toMatchObject({
      workspaceId: 'w1',
      workspaceNotice: 'You are no longer a member of this workspace.',
    })
    expect(purged).toEqual(['w1', 'w2'])
    store.getState().dismissWorkspaceNotice()
    expect(store.getState().workspaceNotice).toBeNull()
  })

  it('tries the sandbox: signs in as the demo user and opens the demo workspace', async () => {
    const secrets = memorySecrets()
    const store = createSessionStore({
      api: fakeApi({
        startSandboxDemo: async () => ({
          token: 't-demo',
          expiresAt: 0,
          user,
          workspaceId: 'w2',
          accountId: 'a1',
        }),
      }),
      secrets,
      cache: memoryCache(),
    })
    await store.getState().trySandbox()
    expect(store.getState()).toMatchObject({
      phase: 'signed-in',
      token: 't-demo',
      workspaceId: 'w2',
    })
    expect(await secrets.get(TOKEN_KEY)).toBe('t-demo')
  })
})
