import { createTrpcClient, errorCode } from '../data/sync-client'
import { ServerUnreachableError, type ServerApi } from './server-api'

/**
 * The auth and workspace procedures over tRPC (untyped client: the renderer cannot import the
 * server's router type). A failure without a tRPC error code never reached the server and becomes
 * ServerUnreachableError, so the UI can keep working offline instead of showing a refusal.
 */
export function createServerApi(serverUrl: string, token: () => string | null): ServerApi {
  const client = createTrpcClient({ serverUrl, token })
  const call = async <T>(
    kind: 'query' | 'mutation',
    path: string,
    input?: unknown,
    through = client,
  ): Promise<T> => {
    try {
      return (await (kind === 'query'
        ? through.query(path, input)
        : through.mutation(path, input))) as T
    } catch (error) {
      if (errorCode(error) === null) throw new ServerUnreachableError()
      throw error
    }
  }
  return {
    signUp: (input) => call('mutation', 'auth.signUp', input),
    signIn: (input) => call('mutation', 'auth.signIn', input),
    // The app has left the session already: this one call carries its token.
    signOut: async (ended) =>
      void (await call(
        'mutation',
        'auth.signOut',
        undefined,
        createTrpcClient({ serverUrl, token: () => ended }),
      )),
    me: () => call('query', 'auth.me'),
    sessions: () => call('query', 'auth.sessions'),
    revokeSession: async (sessionId) =>
      void (await call('mutation', 'auth.revokeSession', { sessionId })),
    listWorkspaces: () => call('query', 'workspaces.list'),
    createWorkspace: (name) => call('mutation', 'workspaces.create', { name }),
    createInvite: (input) => call('mutation', 'workspaces.createInvite', input),
    acceptInvite: (code) => call('mutation', 'workspaces.acceptInvite', { code }),
    changeRole: async (input) => void (await call('mutation', 'workspaces.changeRole', input)),
    auditLog: (input) => call('query', 'workspaces.auditLog', input),
    removeMember: async (input) => void (await call('mutation', 'workspaces.removeMember', input)),
    leaveWorkspace: async (workspaceId) =>
      void (await call('mutation', 'workspaces.leave', { workspaceId })),
    transferOwnership: async (input) =>
      void (await call('mutation', 'workspaces.transferOwnership', input)),
    deleteWorkspace: async (input) => void (await call('mutation', 'workspaces.delete', input)),
    platformOptions: () => call('query', 'platform.options'),
    linkSandbox: (input) => call('mutation', 'platform.linkSandbox', input),
    beginLink: (input) => call('mutation', 'platform.beginLink', input),
    completeLink: (input) => call('mutation', 'platform.completeLink', input),
    syncNow: (input) => call('mutation', 'platform.syncNow', input),
    unlink: async (input) => void (await call('mutation', 'platform.unlink', input)),
    recordDealPayment: (input) => call('mutation', 'deals.recordPayment', input),
    retryBrandReply: (input) => call('mutation', 'deals.retryReply', input),
    startSandboxDemo: () => call('mutation', 'platform.startSandboxDemo', {}),
    creatorInfo: (input) => call('query', 'publishing.creatorInfo', input),
    importAnalytics: (input) => call('mutation', 'analytics.importDays', input),
  }
}
