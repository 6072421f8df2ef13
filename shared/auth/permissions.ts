import type { CollectionName } from '../data/collection-contract'
import type { PostDoc } from '../data/collections/posts'
import { ROLES, type Role } from './roles'

/**
 * Who may do what in a workspace (DESIGN §5). One table, `PERMISSION_MATRIX`, is the source of
 * truth: the server checks it on pull, push, stream and every procedure, and the UI renders it
 * (and hides what a member cannot do). `can` only reads the table.
 *
 * Access to a collection is 'all', 'own' (documents whose `accountId` is one of the member's
 * assigned accounts; documents without an account are not theirs) or 'none'.
 * Server-owned data stays server-owned whatever the role: no one writes `metrics` from a client,
 * and field-level rules (collection `serverOwnedFields`) apply on top of this matrix.
 */
export type Access = 'all' | 'own' | 'none'

export const WORKSPACE_ACTIONS = [
  'invite',
  'changeRole',
  'removeMember',
  /** Create and edit creator accounts (and link them to platforms). */
  'manageAccounts',
  /** Approve or reject posts waiting for approval. */
  'approvePost',
  'viewAudit',
  'deleteWorkspace',
  'transferOwnership',
] as const

export type WorkspaceAction = (typeof WORKSPACE_ACTIONS)[number]
export type CollectionAction = 'read' | 'write'
export type Action = CollectionAction | WorkspaceAction

export interface RolePermissions {
  collections: Readonly<Record<CollectionName, Readonly<Record<CollectionAction, Access>>>>
  actions: Readonly<Record<WorkspaceAction, boolean>>
}

const NO_ACTIONS = {
  invite: false,
  changeRole: false,
  removeMember: false,
  manageAccounts: false,
  approvePost: false,
  viewAudit: false,
  deleteWorkspace: false,
  transferOwnership: false,
} as const

const RW = { read: 'all', write: 'all' } as const
const R = { read: 'all', write: 'none' } as const
const OWN = { read: 'own', write: 'own' } as const
const OWN_R = { read: 'own', write: 'none' } as const

/**
 * Spelled out in full rather than derived, so a review of this table is a review of the policy.
 * `metrics` is read-only for everyone: snapshots come from connectors only.
 */
export const PERMISSION_MATRIX: Readonly<Record<Role, RolePermissions>> = {
  owner: {
    collections: {
      workspaces: RW,
      accounts: RW,
      media: RW,
      projects: RW,
      posts: RW,
      metrics: R,
      ledger: RW,
      deals: RW,
      messages: RW,
      products: RW,
    },
    actions: {
      invite: true,
      changeRole: true,
      removeMember: true,
      manageAccounts: true,
      approvePost: true,
      viewAudit: true,
      deleteWorkspace: true,
      transferOwnership: true,
    },
  },
  /** Runs the workspace day to day: everything except deleting it or changing its owner. */
  manager: {
    collections: {
      workspaces: RW,
      accounts: RW,
      media: RW,
      projects: RW,
      posts: RW,
      metrics: R,
      ledger: RW,
      deals: RW,
      messages: RW,
      products: RW,
    },
    actions: {
      invite: true,
      changeRole: true,
      removeMember: true,
      manageAccounts: true,
      approvePost: true,
      viewAudit: true,
      deleteWorkspace: false,
      transferOwnership: false,
    },
  },
  /** Makes content: writes media, projects, posts, deals, messages, products; reads the rest. */
  editor: {
    collections: {
      workspaces: R,
      accounts: R,
      media: RW,
      projects: RW,
      posts: RW,
      metrics: R,
      ledger: R,
      deals: RW,
      messages: RW,
      products: RW,
    },
    actions: NO_ACTIONS,
  },
  /** Reads everything, changes nothing. */
  analyst: {
    collections: {
      workspaces: R,
      accounts: R,
      media: R,
      projects: R,
      posts: R,
      metrics: R,
      ledger: R,
      deals: R,
      messages: R,
      products: R,
    },
    actions: NO_ACTIONS,
  },
  /**
   * A creator sees and edits only their own accounts' documents (their account profile, media,
   * projects, posts, manual income entries, deals, messages and products), reads the workspace
   * document, and manages nobody. Creating an account needs `manageAccounts`, which they lack.
   */
  creator: {
    collections: {
      workspaces: R,
      accounts: OWN,
      media: OWN,
      projects: OWN,
      posts: OWN,
      metrics: OWN_R,
      ledger: OWN,
      deals: OWN,
      messages: OWN,
      products: OWN,
    },
    actions: NO_ACTIONS,
  },
}

/** A member as the checks need it: their role and, for creators, their assigned accounts. */
export interface MemberLike {
  role: Role
  accountIds: readonly string[]
}

export interface DocLike {
  accountId?: string | null
}

/**
 * Whether `member` may do `action`. For 'read'/'write' pass the collection; with a document the
 * answer is for that document ('own' access needs its `accountId` among the member's accounts),
 * without one it is whether the member may do it to any document at all (the server then narrows
 * with `accessScope`). Workspace actions ignore `collection` and `doc`.
 */
export function can(
  member: MemberLike,
  action: Action,
  collection?: CollectionName,
  doc?: DocLike,
): boolean {
  const permissions = PERMISSION_MATRIX[member.role]
  if (action !== 'read' && action !== 'write') return permissions.actions[action]
  if (collection === undefined) return false
  const access = permissions.collections[collection][action]
  if (access === 'all') return true
  if (access === 'none') return false
  if (doc === undefined) return true
  return typeof doc.accountId === 'string' && member.accountIds.includes(doc.accountId)
}

export type AccessScope =
  { kind: 'all' } | { kind: 'accounts'; accountIds: readonly string[] } | { kind: 'none' }

/** The documents of `collection` a member may read or write, as a filter for pull and stream. */
export function accessScope(
  member: MemberLike,
  action: CollectionAction,
  collection: CollectionName,
): AccessScope {
  const access = PERMISSION_MATRIX[member.role].collections[collection][action]
  if (access === 'all') return { kind: 'all' }
  if (access === 'none') return { kind: 'none' }
  return { kind: 'accounts', accountIds: member.accountIds }
}

/**
 * Whether `actor` may give a member currently holding `targetRole` the role `newRole` (or remove
 * them, with `newRole` undefined). Only an owner touches owners or makes one; the server also
 * keeps at least one owner per workspace.
 */
export function canManageMember(actor: MemberLike, targetRole: Role, newRole?: Role): boolean {
  const action: WorkspaceAction = newRole === undefined ? 'removeMember' : 'changeRole'
  if (!can(actor, action)) return false
  if (actor.role === 'owner') return true
  return targetRole !== 'owner' && newRole !== 'owner'
}

export type ApprovalState = PostDoc['approval']['state']

/**
 * Whether `member` may move a post's approval from `from` (undefined for a new post) to `to`.
 * Deciding (approved/rejected) needs `approvePost`; anyone who may write the post can keep it a
 * draft, submit it (pending), or pull a decided post back to draft/pending to rework it. The
 * server applies this on push, since `approval` is otherwise an ordinary client field.
 */
export function canSetApproval(
  member: MemberLike,
  from: ApprovalState | undefined,
  to: ApprovalState,
): boolean {
  if (from === to) return true
  if (to === 'approved' || to === 'rejected') return can(member, 'approvePost')
  return true
}

export { ROLES, type Role }
