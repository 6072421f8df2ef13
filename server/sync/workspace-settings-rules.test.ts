import { beforeAll, describe, expect, it } from 'vitest'
import type { WorkspaceDoc } from '../../shared/data/collections/workspaces'
import { earningsSettingsToDoc } from '../../shared/money/earnings-settings-doc'
import { DEFAULT_EARNINGS_SETTINGS } from '../../shared/money/earnings-settings'
import { createAgency, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

/**
 * The workspace's synced settings (earnings, eligibility, approvals, analytics), through a real
 * server process: only owners and managers change them, every change is validated, approvers
 * are members who may approve, and membership stays the server's.
 */
describe.each(testBackends())('workspace settings on the push path on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let agency: Agency
  let manager: TestUser
  let editor: TestUser
  let creator: TestUser

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    agency = await createAgency(server.url)
    manager = await agency.join('manager')
    editor = await agency.join('editor')
    creator = await agency.join('creator', [agency.accountA])
  })

  const current = async (): Promise<WorkspaceDoc> => {
    const out = await agency.owner.api.sync.fetch.query({
      collection: 'workspaces',
      workspaceId: agency.workspaceId,
      ids: [agency.workspaceId],
    })
    return out.documents[0] as unknown as WorkspaceDoc
  }
  const change = async (user: TestUser, edit: (doc: WorkspaceDoc) => unknown) => {
    const before = await current()
    const after = { ...(edit(structuredClone(before)) as object), updatedAt: before.updatedAt + 1 }
    return user.api.sync.push.mutate({
      collection: 'workspaces',
      workspaceId: agency.workspaceId,
      rows: [
        {
          assumedMasterState: before as unknown as Record<string, unknown>,
          newDocumentState: after as Record<string, unknown>,
        },
      ],
    })
  }

  it('a new workspace starts with every section at its default', async () => {
    expect((await current()).settings).toEqual({
      earnings: null,
      eligibility: { overrides: [], standing: [] },
      approvals: [],
      analytics: { groups: [], reports: [] },
    })
  })

  it('a manager changes the earnings settings; everyone reads them; joining keeps them', async () => {
    const earnings = earningsSettingsToDoc({
      ...DEFAULT_EARNINGS_SETTINGS,
      diamondRates: {
        default: { currency: 'USD', microsPerDiamond: 7_000 },
        GB: { currency: 'GBP', microsPerDiamond: 4_000 },
      },
    })
    const out = await change(manager, (doc) => ({
      ...doc,
      settings: { ...doc.settings, earnings },
    }))
    expect(out).toMatchObject({ conflicts: [], refused: [] })
    const read = await creator.api.sync.fetch.query({
      collection: 'workspaces',
      workspaceId: agency.workspaceId,
      ids: [agency.workspaceId],
    })
    expect((read.documents[0] as unknown as WorkspaceDoc).settings.earnings).toEqual(earnings)
    // The membership service rewrites the document when someone joins: settings survive.
    await agency.join('analyst')
    expect((await current()).settings.earnings).toEqual(earnings)
  })

  it('editors and creators cannot change settings', async () => {
    for (const user of [editor, creator]) {
      const out = await change(user, (doc) => ({
        ...doc,
        settings: {
          ...doc.settings,
          eligibility: { overrides: [{ key: 'rewards.followers', value: 1 }], standing: [] },
        },
      }))
      expect(out.refused).toHaveLength(1)
      expect(out.refused[0]?.kind).toBe('forbidden')
    }
    expect((await current()).settings.eligibility.overrides).toEqual([])
  })

  it('refuses invalid settings: a share above 1, a free-form key, a duplicate account', async () => {
    const bad = [
      (doc: WorkspaceDoc) => ({
        ...doc,
        settings: {
          ...doc.settings,
          earnings: { ...earningsSettingsToDoc(DEFAULT_EARNINGS_SETTINGS), refundShare: 2 },
        },
      }),
      (doc: WorkspaceDoc) => ({ ...doc, settings: { ...doc.settings, theme: 'dark' } }),
      (doc: WorkspaceDoc) => ({
        ...doc,
        settings: {
          ...doc.settings,
          eligibility: {
            overrides: [],
            standing: [
              { accountId: agency.accountA, inGoodStanding: true },
              { accountId: agency.accountA, inGoodStanding: false },
            ],
          },
        },
      }),
    ]
    for (const edit of bad) {
      const out = await change(agency.owner, edit)
      expect(out.refused).toHaveLength(1)
      expect(out.refused[0]?.kind).toBe('invalid')
    }
  })

  it('an approval policy lists only members who may approve', async () => {
    const policy = (approverIds: string[]) => (doc: WorkspaceDoc) => ({
      ...doc,
      settings: {
        ...doc.settings,
        approvals: [{ accountId: agency.accountA, policy: { mode: 'all', approverIds } }],
      },
    })
    const refused = await change(agency.owner, policy([manager.userId, editor.userId]))
    expect(refused.refused[0]?.reason).toContain('editor member cannot approve posts')
    const ok = await change(agency.owner, policy([manager.userId, agency.owner.userId]))
    expect(ok.refused).toEqual([])
    expect((await current()).settings.approvals[0]?.policy.approverIds).toEqual([
      manager.userId,
      agency.owner.userId,
    ])
  })

  it('members stay server-owned, and an app without settings is told to update', async () => {
    const members = await change(agency.owner, (doc) => ({
      ...doc,
      members: doc.members.filter((m) => m.userId !== editor.userId),
    }))
    expect(members.refused[0]?.reason).toContain('only the server may set members')
    // A version-0 app pushes a workspace without `settings` (a rename): refused as invalid,
    // which the app shows as "update the app" (renderer/sync/describe-refusal.ts).
    const old = await change(agency.owner, (doc) => {
      const { settings: _s, ...rest } = doc
      return { ...rest, name: 'Renamed by an old app' }
    })
    expect(old.refused[0]).toMatchObject({ kind: 'invalid' })
    expect(old.refused[0]?.reason).toContain('settings')
    expect((await current()).name).toBe('Agency')
  })
})
