import { TRPCClientError } from '@trpc/client'
import { beforeAll, describe, expect, it } from 'vitest'
import { can, WORKSPACE_ACTIONS, type WorkspaceAction } from '../../shared/auth/permissions'
import { ROLES, type Role } from '../../shared/auth/roles'
import type { AccountDoc, PostDoc } from '../../shared/data/registry'
import { DRAFT_APPROVAL } from '../../shared/data/collections/posts'
import { createAgency, docOf, pushAll, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

/** True when the call went through, false when the server refused it (FORBIDDEN). */
async function allowed(call: Promise<unknown>): Promise<boolean> {
  try {
    await call
    return true
  } catch (error) {
    if (error instanceof TRPCClientError && (error.data as { code?: string })?.code === 'FORBIDDEN')
      return false
    throw error
  }
}

/** True when every pushed row was written, false when all were refused as forbidden. */
async function written(out: Promise<{ conflicts: unknown[]; refused: { kind: string }[] }>) {
  const { conflicts, refused } = await out
  expect(conflicts).toEqual([])
  if (refused.length === 0) return true
  expect(refused.every((r) => r.kind === 'forbidden')).toBe(true)
  return false
}

interface Scene {
  agency: Agency
  actor: TestUser
  /** An editor the actor may try to change or hand the workspace to. */
  target: TestUser
  /** An analyst the actor may try to remove. */
  removable: TestUser
}

/**
 * Every workspace action of the permission table, tried by a member of every role against a real
 * server process (issue 8, fault 9): the server's answer must be the table's, for each of the 40
 * cells — not only the table tested against itself. Account management, approvals and the
 * workspace's own lifecycle are document writes, so they go through the push path.
 */
const ATTEMPTS: Record<WorkspaceAction, (s: Scene) => Promise<boolean>> = {
  invite: ({ agency, actor }) =>
    allowed(
      actor.api.workspaces.createInvite.mutate({
        workspaceId: agency.workspaceId,
        role: 'editor',
        accountIds: [],
      }),
    ),
  changeRole: ({ agency, actor, target }) =>
    allowed(
      actor.api.workspaces.changeRole.mutate({
        workspaceId: agency.workspaceId,
        userId: target.userId,
        role: 'analyst',
        accountIds: [],
      }),
    ),
  removeMember: ({ agency, actor, removable }) =>
    allowed(
      actor.api.workspaces.removeMember.mutate({
        workspaceId: agency.workspaceId,
        userId: removable.userId,
      }),
    ),
  manageAccounts: async ({ agency, actor }) => {
    // Create one, and remove one the actor can see (a creator's own account included).
    const created = await written(
      actor.api.sync.push.mutate({
        collection: 'accounts',
        workspaceId: agency.workspaceId,
        rows: [{ newDocumentState: docOf('accounts', agency.workspaceId) }],
      }),
    )
    const stored = (
      await actor.api.sync.fetch.query({
        collection: 'accounts',
        workspaceId: agency.workspaceId,
        ids: [agency.accountA],
      })
    ).documents[0] as AccountDoc
    const removed = await written(
      actor.api.sync.push.mutate({
        collection: 'accounts',
        workspaceId: agency.workspaceId,
        rows: [
          {
            assumedMasterState: stored,
            newDocumentState: { ...stored, _deleted: true, updatedAt: Date.now() },
          },
        ],
      }),
    )
    expect(removed).toBe(created)
    return created
  },
  approvePost: async ({ agency, actor }) => {
    const pending: PostDoc = docOf('posts', agency.workspaceId, {
      accountId: agency.accountA,
      projectId: null,
      productTags: [],
      approval: { ...DRAFT_APPROVAL, state: 'pending', by: null, at: null, note: null },
    })
    await pushAll(agency.owner.api, agency.workspaceId, 'posts', [pending])
    const approved = {
      ...pending,
      approval: {
        ...DRAFT_APPROVAL,
        state: 'approved' as const,
        by: actor.userId,
        at: Date.now(),
        note: null,
      },
    }
    return written(
      actor.api.sync.push.mutate({
        collection: 'posts',
        workspaceId: agency.workspaceId,
        rows: [{ assumedMasterState: pending, newDocumentState: approved }],
      }),
    )
  },
  viewAudit: ({ agency, actor }) =>
    allowed(actor.api.workspaces.auditLog.query({ workspaceId: agency.workspaceId, limit: 5 })),
  deleteWorkspace: ({ agency, actor }) =>
    allowed(
      actor.api.workspaces.delete.mutate({
        workspaceId: agency.workspaceId,
        confirmName: 'Agency',
      }),
    ),
  transferOwnership: ({ agency, actor, target }) =>
    allowed(
      actor.api.workspaces.transferOwnership.mutate({
        workspaceId: agency.workspaceId,
        userId: target.userId,
      }),
    ),
}

describe.each(testBackends())('every workspace action is enforced by the server on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
  })

  /** A fresh agency with the actor in `role` (creators hold account A). */
  const scene = async (role: Role): Promise<Scene> => {
    const agency = await createAgency(server.url)
    const actor =
      role === 'owner'
        ? agency.owner
        : await agency.join(role, role === 'creator' ? [agency.accountA] : [])
    return {
      agency,
      actor,
      target: await agency.join('editor'),
      removable: await agency.join('analyst'),
    }
  }

  it.each(ROLES)('%s: the server allows exactly what the table allows', async (role) => {
    const outcomes: Record<string, boolean> = {}
    // Non-destructive actions share one workspace; deletion and handing over get their own.
    const shared = await scene(role)
    for (const action of WORKSPACE_ACTIONS) {
      const destructive = action === 'deleteWorkspace' || action === 'transferOwnership'
      outcomes[action] = await ATTEMPTS[action](destructive ? await scene(role) : shared)
    }
    const expected = Object.fromEntries(
      WORKSPACE_ACTIONS.map((action) => [action, can({ role, accountIds: [] }, action)]),
    )
    expect(outcomes).toEqual(expected)
  })

  it('a workspace is deleted only through its settings: a pushed tombstone is refused, even from its owner', async () => {
    const { agency } = await scene('owner')
    const stored = (
      await agency.owner.api.sync.fetch.query({
        collection: 'workspaces',
        workspaceId: agency.workspaceId,
        ids: [agency.workspaceId],
      })
    ).documents[0]
    const out = await agency.owner.api.sync.push.mutate({
      collection: 'workspaces',
      workspaceId: agency.workspaceId,
      rows: [
        {
          assumedMasterState: stored,
          newDocumentState: { ...stored, _deleted: true, updatedAt: Date.now() },
        },
      ],
    })
    expect(out.refused[0]?.reason).toContain('deleted from its settings')
    // The settings path wants the name typed exactly.
    await expect(
      agency.owner.api.workspaces.delete.mutate({
        workspaceId: agency.workspaceId,
        confirmName: 'agency?',
      }),
    ).rejects.toThrow('type the workspace\'s name, "Agency", to confirm')
    const personal = await agency.owner.api.workspaces.list.query()
    const mine = personal.find((w) => w.kind === 'personal')
    await expect(
      agency.owner.api.workspaces.delete.mutate({
        workspaceId: mine?.id ?? '',
        confirmName: mine?.name ?? '',
      }),
    ).rejects.toThrow('personal workspace cannot be deleted')
  })

  it('transfer, leave and delete are audited, and a deleted workspace tells former members so', async () => {
    const { agency, target } = await scene('owner')
    await agency.owner.api.workspaces.transferOwnership.mutate({
      workspaceId: agency.workspaceId,
      userId: target.userId,
    })
    const roles = await target.api.workspaces.list.query()
    expect(roles.find((w) => w.id === agency.workspaceId)?.role).toBe('owner')
    // The previous owner is now a manager and may leave; the last owner may not.
    await expect(
      target.api.workspaces.leave.mutate({ workspaceId: agency.workspaceId }),
    ).rejects.toThrow('only owner')
    await agency.owner.api.workspaces.leave.mutate({ workspaceId: agency.workspaceId })
    const log = await target.api.workspaces.auditLog.query({
      workspaceId: agency.workspaceId,
      limit: 20,
    })
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining(['workspace.ownership_transferred', 'member.left']),
    )
    await target.api.workspaces.delete.mutate({
      workspaceId: agency.workspaceId,
      confirmName: 'Agency',
    })
    const refusedPull = target.api.sync.pull.query({
      collection: 'deals',
      workspaceId: agency.workspaceId,
      checkpoint: null,
      limit: 10,
    })
    await expect(refusedPull).rejects.toMatchObject({
      data: { code: 'FORBIDDEN', reason: 'WORKSPACE_DELETED' },
    })
    // Someone who left before the deletion is just not a member.
    await expect(
      agency.owner.api.sync.pull.query({
        collection: 'deals',
        workspaceId: agency.workspaceId,
        checkpoint: null,
        limit: 10,
      }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN', reason: 'NOT_A_MEMBER' } })
    expect(await target.api.workspaces.list.query()).not.toContainEqual(
      expect.objectContaining({ id: agency.workspaceId }),
    )
  })
})
