import { describe, expect, it } from 'vitest'
import { COLLECTION_NAMES, type CollectionName } from '../data/collection-contract'
import { ROLES, type Role } from './roles'
import {
  PERMISSION_MATRIX,
  WORKSPACE_ACTIONS,
  accessScope,
  can,
  canManageMember,
  canSetApproval,
  type MemberLike,
  type WorkspaceAction,
} from './permissions'

/**
 * The policy, written out by hand (not derived from the implementation). Cells: r/w = read/write
 * every document; o = own accounts' documents only; - = no access. Format: "<read><write>".
 */
// prettier-ignore
const EXPECTED: Record<Role, Record<CollectionName, string>> = {
  owner: { workspaces: 'rw', accounts: 'rw', media: 'rw', projects: 'rw', posts: 'rw', metrics: 'r-', ledger: 'rw', deals: 'rw', messages: 'rw', products: 'rw' },
  manager: { workspaces: 'rw', accounts: 'rw', media: 'rw', projects: 'rw', posts: 'rw', metrics: 'r-', ledger: 'rw', deals: 'rw', messages: 'rw', products: 'rw' },
  editor: { workspaces: 'r-', accounts: 'r-', media: 'rw', projects: 'rw', posts: 'rw', metrics: 'r-', ledger: 'r-', deals: 'rw', messages: 'rw', products: 'rw' },
  analyst: { workspaces: 'r-', accounts: 'r-', media: 'r-', projects: 'r-', posts: 'r-', metrics: 'r-', ledger: 'r-', deals: 'r-', messages: 'r-', products: 'r-' },
  creator: { workspaces: 'r-', accounts: 'oo', media: 'oo', projects: 'oo', posts: 'oo', metrics: 'o-', ledger: 'oo', deals: 'oo', messages: 'oo', products: 'oo' },
}

// prettier-ignore
const EXPECTED_ACTIONS: Record<Role, Record<WorkspaceAction, boolean>> = {
  owner: { invite: true, changeRole: true, removeMember: true, manageAccounts: true, approvePost: true, viewAudit: true, deleteWorkspace: true, transferOwnership: true },
  manager: { invite: true, changeRole: true, removeMember: true, manageAccounts: true, approvePost: true, viewAudit: true, deleteWorkspace: false, transferOwnership: false },
  editor: { invite: false, changeRole: false, removeMember: false, manageAccounts: false, approvePost: false, viewAudit: false, deleteWorkspace: false, transferOwnership: false },
  analyst: { invite: false, changeRole: false, removeMember: false, manageAccounts: false, approvePost: false, viewAudit: false, deleteWorkspace: false, transferOwnership: false },
  creator: { invite: false, changeRole: false, removeMember: false, manageAccounts: false, approvePost: false, viewAudit: false, deleteWorkspace: false, transferOwnership: false },
}

const MINE = 'acct-mine'
const OTHER = 'acct-other'
const member = (role: Role): MemberLike => ({ role, accountIds: role === 'creator' ? [MINE] : [] })

const cases = ROLES.flatMap((role) =>
  COLLECTION_NAMES.flatMap((collection) =>
    (['read', 'write'] as const).map((action) => ({
      role,
      collection,
      action,
      cell: EXPECTED[role][collection][action === 'read' ? 0 : 1],
    })),
  ),
)

describe('can: every role × collection × read/write', () => {
  it('covers 5 roles × 10 collections × 2 actions', () => {
    expect(cases).toHaveLength(100)
  })

  it.each(cases)('$role $action $collection → $cell', ({ role, collection, action, cell }) => {
    const m = member(role)
    const all = cell === 'r' || cell === 'w'
    const own = cell === 'o'
    expect(can(m, action, collection, { accountId: MINE })).toBe(all || own)
    expect(can(m, action, collection, { accountId: OTHER })).toBe(all)
    expect(can(m, action, collection, { accountId: null })).toBe(all)
    expect(can(m, action, collection, {})).toBe(all)
    // Without a document: may the member do it to some document of the collection?
    expect(can(m, action, collection)).toBe(all || own)
    expect(accessScope(m, action, collection)).toEqual(
      all ? { kind: 'all' } : own ? { kind: 'accounts', accountIds: [MINE] } : { kind: 'none' },
    )
  })
})

describe('can: workspace actions', () => {
  it.each(ROLES.flatMap((role) => WORKSPACE_ACTIONS.map((action) => ({ role, action }))))(
    '$role $action',
    ({ role, action }) => {
      expect(can(member(role), action)).toBe(EXPECTED_ACTIONS[role][action])
    },
  )

  it('needs a collection for read and write', () => {
    expect(can(member('owner'), 'read')).toBe(false)
    expect(can(member('owner'), 'write')).toBe(false)
  })

  it('a creator with no assigned accounts sees no account-scoped document', () => {
    const lonely: MemberLike = { role: 'creator', accountIds: [] }
    expect(can(lonely, 'read', 'posts', { accountId: MINE })).toBe(false)
    expect(accessScope(lonely, 'read', 'posts')).toEqual({ kind: 'accounts', accountIds: [] })
  })
})

describe('canManageMember', () => {
  it('lets an owner change anyone, including to and from owner', () => {
    expect(canManageMember(member('owner'), 'owner', 'manager')).toBe(true)
    expect(canManageMember(member('owner'), 'editor', 'owner')).toBe(true)
    expect(canManageMember(member('owner'), 'owner')).toBe(true)
  })

  it('lets a manager manage non-owners but never touch or create an owner', () => {
    expect(canManageMember(member('manager'), 'editor', 'analyst')).toBe(true)
    expect(canManageMember(member('manager'), 'manager', 'creator')).toBe(true)
    expect(canManageMember(member('manager'), 'creator')).toBe(true)
    expect(canManageMember(member('manager'), 'owner', 'manager')).toBe(false)
    expect(canManageMember(member('manager'), 'owner')).toBe(false)
    expect(canManageMember(member('manager'), 'editor', 'owner')).toBe(false)
  })

  it('refuses everyone else', () => {
    for (const role of ['editor', 'analyst', 'creator'] as const) {
      expect(canManageMember(member(role), 'analyst', 'editor')).toBe(false)
      expect(canManageMember(member(role), 'analyst')).toBe(false)
    }
  })
})

describe('canSetApproval', () => {
  it('lets only approvers decide; any writer may draft, submit or rework', () => {
    for (const role of ROLES) {
      const approver = role === 'owner' || role === 'manager'
      expect(canSetApproval(member(role), 'pending', 'approved'), role).toBe(approver)
      expect(canSetApproval(member(role), 'pending', 'rejected'), role).toBe(approver)
      expect(canSetApproval(member(role), undefined, 'approved'), role).toBe(approver)
      expect(canSetApproval(member(role), 'draft', 'pending'), role).toBe(true)
      expect(canSetApproval(member(role), 'approved', 'draft'), role).toBe(true)
      expect(canSetApproval(member(role), 'approved', 'approved'), role).toBe(true)
    }
  })
})

describe('PERMISSION_MATRIX', () => {
  it('has a row per role and a cell per collection and action (for the UI table)', () => {
    expect(Object.keys(PERMISSION_MATRIX)).toEqual([...ROLES])
    for (const role of ROLES) {
      expect(Object.keys(PERMISSION_MATRIX[role].collections).sort()).toEqual(
        [...COLLECTION_NAMES].sort(),
      )
      expect(Object.keys(PERMISSION_MATRIX[role].actions).sort()).toEqual(
        [...WORKSPACE_ACTIONS].sort(),
      )
    }
  })
})
