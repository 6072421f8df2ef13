import type { ImportDay } from '../../shared/analytics/import/plan-import'
import type { Role } from '../../shared/auth/roles'

/**
 * What the UI asks of the sync server outside replication: auth and workspace membership.
 * Declared here because the renderer cannot import the server's router type (it is compiled
 * without Node typings); `createServerApi` maps each call to its tRPC procedure.
 */
export interface SessionUser {
  id: string
  email: string
  displayName: string
}

export interface WorkspaceSummary {
  id: string
  name: string
  kind: 'personal' | 'agency'
  role: Role
}

export interface SignedIn {
  token: string
  expiresAt: number
  user: SessionUser
}

export interface SessionListItem {
  id: string
  createdAt: number
  lastUsedAt: number
  expiresAt: number
  userAgent: string | null
  ip: string | null
  current: boolean
}

export interface InviteCreated {
  code: string
  inviteId: string
  expiresAt: number
}

export interface AuditEntry {
  id: number
  workspaceId: string
  actorUserId: string | null
  action: string
  targetUserId: string | null
  details: Record<string, unknown>
  createdAt: number
}

export type SandboxSize = 'new' | '9k' | '12k' | '250k'

/** What the server offers for linking creator accounts to platforms. */
export interface PlatformOptions {
  tiktok: boolean
  sandboxSizes: { id: SandboxSize; label: string }[]
}

export interface SandboxDemo extends SignedIn {
  workspaceId: string
  accountId: string
}

/** The composer's view of the platform account, fetched by the server (tokens stay there). */
export type CreatorInfoAnswer =
  | { linked: false }
  | {
      linked: true
      platform: 'tiktok' | 'sandbox'
      appAudited: boolean
      creator: {
        username: string
        nickname: string
        avatarUrl: string | null
        privacyLevelOptions: string[]
        commentDisabled: boolean
        duetDisabled: boolean
        stitchDisabled: boolean
        maxVideoPostDurationSec: number
        postingBlocked: { code: string; message: string } | null
      }
      recent: { directPostsLastDay: number; inboxDraftsLastDay: number; shoppableLastWeek: number }
    }

export interface ServerApi {
  signUp(input: { email: string; password: string; displayName: string }): Promise<SignedIn>
  signIn(input: { email: string; password: string }): Promise<SignedIn>
  /**
   * Ends the session `token` names on the server. The caller passes it: by then the app has
   * already left the session locally and holds no token of its own.
   */
  signOut(token: string): Promise<void>
  me(): Promise<{ user: SessionUser }>
  sessions(): Promise<SessionListItem[]>
  revokeSession(sessionId: string): Promise<void>
  listWorkspaces(): Promise<WorkspaceSummary[]>
  createWorkspace(name: string): Promise<{ workspaceId: string }>
  createInvite(input: {
    workspaceId: string
    role: Role
    accountIds: string[]
  }): Promise<InviteCreated>
  acceptInvite(code: string): Promise<{ workspaceId: string; role: Role }>
  changeRole(input: {
    workspaceId: string
    userId: string
    role: Role
    accountIds: string[]
  }): Promise<void>
  removeMember(input: { workspaceId: string; userId: string }): Promise<void>
  leaveWorkspace(workspaceId: string): Promise<void>
  transferOwnership(input: { workspaceId: string; userId: string }): Promise<void>
  /** Owner only; `confirmName` must be the workspace's name as typed by the user. */
  deleteWorkspace(input: { workspaceId: string; confirmName: string }): Promise<void>
  auditLog(input: { workspaceId: string; limit?: number; beforeId?: number }): Promise<AuditEntry[]>
  // Platform links (tokens stay on the server; none of these return one).
  platformOptions(): Promise<PlatformOptions>
  linkSandbox(input: { workspaceId: string; size: SandboxSize }): Promise<{ accountId: string }>
  beginLink(input: {
    workspaceId: string
    platform: 'tiktok'
    accountId: string | null
    client: 'desktop' | 'web'
    redirectUri: string
  }): Promise<{ authorizeUrl: string; expiresAt: number }>
  completeLink(input: {
    state: string
    code: string
  }): Promise<{ workspaceId: string; accountId: string }>
  syncNow(input: { workspaceId: string; accountId: string }): Promise<{ jobId: string }>
  unlink(input: { workspaceId: string; accountId: string }): Promise<void>
  /** A posted deal is paid: the server moves it to paid and writes its earnings entry. */
  recordDealPayment(input: {
    workspaceId: string
    dealId: string
    amountMinor: number
    currency: string
    receivedAt: number
    note: string
  }): Promise<{ dealId: string; ledgerEntryId: string }>
  /** Sends a message to the brand again after its send failed. */
  retryBrandReply(input: { workspaceId: string; messageId: string }): Promise<{ queued: boolean }>
  /** "Try it with a sandbox account": a new demo user, signed in, with a linked sandbox creator. */
  startSandboxDemo(): Promise<SandboxDemo>
  /** Creator info for the composer (re-checked by the server before it publishes). */
  creatorInfo(input: {
    workspaceId: string
    accountId: string
    postId: string | null
  }): Promise<CreatorInfoAnswer>
  // Analytics: an account's days from a downloaded file (metrics stay server-owned).
  importAnalytics(input: {
    workspaceId: string
    accountId: string
    days: readonly ImportDay[]
  }): Promise<{ added: number; unchanged: number }>
}

/** Errors the UI shows as they are: a network failure is told apart from a refusal. */
export class ServerUnreachableError extends Error {
  constructor() {
    super('The sync server cannot be reached. Your work is kept on this device.')
    this.name = 'ServerUnreachableError'
  }
}
