import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { DealDoc, ProjectDoc } from '../../shared/data/registry'
import { createAgency, docOf, pushAll, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import { eventually, openRxClient, type RxClient } from '../test-support/rx-client'
import type { ServerProcess } from '../test-support/server-process'

const COLLECTIONS = ['workspaces', 'accounts', 'deals', 'projects'] as const

/**
 * Access changes are part of replication (issue 8, faults 1 and 2): a running client of a member
 * whose readable set grows receives exactly the documents that became readable, older ones
 * included, without the ones it already has; when it shrinks, the client purges what it may no
 * longer read from its own database (the server keeps them), and a refused edit is that
 * document's problem, not the session's.
 */
describe.each(testBackends())('access changes reach running clients on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  const clients: RxClient[] = []

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
  })
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })

  const open = async (user: TestUser, workspaceId: string) => {
    const c = await openRxClient({
      url: () => server.url,
      token: user.token,
      workspaceId,
      collections: COLLECTIONS,
    })
    clients.push(c)
    return c
  }

  /** An agency with deals and projects in accounts A and B, and a creator limited to A. */
  async function world() {
    const agency: Agency = await createAgency(server.url)
    const { owner, workspaceId, accountA, accountB } = agency
    const dealsA = Array.from({ length: 4 }, (_, i) =>
      docOf('deals', workspaceId, { accountId: accountA, title: `A deal ${i}`, deliverables: [] }),
    )
    const dealsB = Array.from({ length: 5 }, (_, i) =>
      docOf('deals', workspaceId, { accountId: accountB, title: `B deal ${i}`, deliverables: [] }),
    )
    const projectsB = Array.from({ length: 3 }, (_, i) =>
      docOf('projects', workspaceId, { accountId: accountB, title: `B project ${i}` }),
    )
    await pushAll(owner.api, workspaceId, 'deals', [...dealsA, ...dealsB])
    await pushAll(owner.api, workspaceId, 'projects', projectsB)
    const creator = await agency.join('creator', [accountA])
    return { agency, creator, dealsA, dealsB, projectsB }
  }

  const ids = (docs: readonly { id: string }[]) => docs.map((d) => d.id).sort()
  const keys = async (c: RxClient, collection: (typeof COLLECTIONS)[number]) =>
    [...(await c.live(collection)).keys()].sort()

  it('widened access: the newly readable documents arrive live, older ones included, nothing twice', async () => {
    const { agency, creator, dealsA, dealsB, projectsB } = await world()
    const c = await open(creator, agency.workspaceId)
    // Each collection replicates on its own: wait for all three.
    await eventually(async () => {
      expect(await keys(c, 'deals')).toEqual(ids(dealsA))
      expect(await keys(c, 'accounts')).toEqual([agency.accountA])
    })
    expect(await keys(c, 'projects')).toEqual([])

    await agency.setRole(creator, 'creator', [agency.accountA, agency.accountB])
    // No restart, no wipe: the open stream's RESYNC and the pull's fill bring B's documents.
    await eventually(async () => {
      expect(await keys(c, 'deals')).toEqual(ids([...dealsA, ...dealsB]))
      expect(await keys(c, 'projects')).toEqual(ids(projectsB))
      expect(await keys(c, 'accounts')).toEqual([agency.accountA, agency.accountB].sort())
    })
    // What the client already held was not sent again (B's documents may arrive twice if two
    // RESYNCs race RxDB's unawaited checkpoint write; A's, held before the change, never).
    for (const d of dealsA) expect(c.pulledCount(d.id)).toBe(1)

    // New writes to B reach it as usual afterwards.
    const later = docOf('deals', agency.workspaceId, {
      accountId: agency.accountB,
      title: 'after the change',
      deliverables: [],
    })
    await pushAll(agency.owner.api, agency.workspaceId, 'deals', [later])
    await eventually(async () => expect((await c.live('deals')).has(later.id)).toBe(true))
  })

  it('narrowed access: the client purges what it may no longer read; the server keeps it', async () => {
    const { agency, creator, dealsA, dealsB, projectsB } = await world()
    await agency.setRole(creator, 'creator', [agency.accountA, agency.accountB])
    const c = await open(creator, agency.workspaceId)
    await eventually(async () =>
      expect(await keys(c, 'deals')).toEqual(ids([...dealsA, ...dealsB])),
    )
    const purged: { collection: string; count: number }[] = []
    c.replication().purged$.subscribe((p) => purged.push(p))

    await agency.setRole(creator, 'creator', [agency.accountA])
    await eventually(async () => {
      expect(await keys(c, 'deals')).toEqual(ids(dealsA))
      expect(await keys(c, 'projects')).toEqual([])
      expect(await keys(c, 'accounts')).toEqual([agency.accountA])
    })
    // The purge is local: physically gone from the device, not tombstoned for everyone.
    await eventually(async () => {
      const all = await c.db.collections.deals.storageInstance.findDocumentsById(ids(dealsB), true)
      expect(all).toEqual([])
    })
    const total = (name: string) =>
      purged.filter((p) => p.collection === name).reduce((n, p) => n + p.count, 0)
    expect(total('deals')).toBe(dealsB.length)
    expect(total('projects')).toBe(projectsB.length)
    const onServer = await agency.owner.api.sync.pull.query({
      collection: 'deals',
      workspaceId: agency.workspaceId,
      checkpoint: null,
      limit: 100,
    })
    for (const d of dealsB) {
      const stored = onServer.documents.find((x) => x['id'] === d.id)
      expect(stored?.['_deleted']).toBe(false)
    }
  })

  it('an edit refused after access narrowed is that document alone: the rest keeps syncing, the change can be discarded', async () => {
    const { agency, creator, dealsA, dealsB } = await world()
    await agency.setRole(creator, 'creator', [agency.accountA, agency.accountB])
    const c = await open(creator, agency.workspaceId)
    await eventually(async () =>
      expect(await keys(c, 'deals')).toEqual(ids([...dealsA, ...dealsB])),
    )
    const target = dealsB[0] as DealDoc
    // Offline, the creator edits a B deal; meanwhile the owner takes B away.
    c.net.setOnline(false)
    const local = await c.db.collections.deals.findOne(target.id).exec()
    await local?.incrementalPatch({ title: 'edited while offline', updatedAt: Date.now() })
    await agency.setRole(creator, 'creator', [agency.accountA])
    c.net.setOnline(true)
    await eventually(() => {
      const refused = c.replication().refusals.current()
      expect(refused.map((r) => r.id)).toEqual([target.id])
      expect(refused[0]?.reason).toContain('cannot change this deals document')
      expect(refused[0]?.doc['title']).toBe('edited while offline')
    })
    // Replication goes on: an edit to an A deal reaches the server.
    const mine = await c.db.collections.deals.findOne((dealsA[0] as DealDoc).id).exec()
    await mine?.incrementalPatch({ title: 'still syncing', updatedAt: Date.now() })
    await eventually(async () => {
      const out = await agency.owner.api.sync.fetch.query({
        collection: 'deals',
        workspaceId: agency.workspaceId,
        ids: [(dealsA[0] as DealDoc).id],
      })
      expect(out.documents[0]?.['title']).toBe('still syncing')
    })
    // The server's copy was never touched by the refused edit.
    const stored = await agency.owner.api.sync.fetch.query({
      collection: 'deals',
      workspaceId: agency.workspaceId,
      ids: [target.id],
    })
    expect(stored.documents[0]?.['title']).toBe(target.title)
    // Discarding: the document the creator may no longer read leaves the device.
    await c.replication().discard('deals', [target.id])
    await eventually(async () => {
      expect(await keys(c, 'deals')).toEqual(ids(dealsA))
      expect(c.replication().refusals.current()).toEqual([])
    })
  })

  it('a refused document edited again: the new edit is saved, the refused change is not, and its notice stays until discarded', async () => {
    const { agency, creator, dealsA } = await world()
    const c = await open(creator, agency.workspaceId)
    await eventually(async () => expect(await keys(c, 'deals')).toEqual(ids(dealsA)))
    const target = dealsA[0] as DealDoc
    const fetchStored = async () =>
      (
        await agency.owner.api.sync.fetch.query({
          collection: 'deals',
          workspaceId: agency.workspaceId,
          ids: [target.id],
        })
      ).documents[0]
    const doc = async () => c.db.collections.deals.findOne(target.id).exec()
    // Only the server records a payment: this change is refused.
    const payment = { amountMinor: 50_000, currency: 'USD', receivedAt: Date.now() }
    await (await doc())?.incrementalPatch({ payment, updatedAt: Date.now() })
    await eventually(() => {
      const refused = c.replication().refusals.current()
      expect(refused.map((r) => r.id)).toEqual([target.id])
      expect(refused[0]?.reason).toContain('only the server may set payment')
    })
    // A later edit of the same deal merges against the server's copy and is saved…
    await (await doc())?.incrementalPatch({ title: 'renamed later', updatedAt: Date.now() + 1 })
    await eventually(async () => expect((await fetchStored())?.['title']).toBe('renamed later'))
    expect((await fetchStored())?.['payment']).toBeNull()
    await eventually(async () => expect((await doc())?.payment ?? null).toBeNull())
    // …but the refused change was not: the user is still told, with the change kept.
    expect(
      c
        .replication()
        .refusals.current()
        .map((r) => r.id),
    ).toEqual([target.id])
    expect(c.replication().refusals.current()[0]?.doc['payment']).toEqual(payment)
    await c.replication().discard('deals', [target.id])
    await eventually(() => expect(c.replication().refusals.current()).toEqual([]))
    expect((await doc())?.title).toBe('renamed later')
  })

  it('a role change from creator to editor brings every other account, without resending', async () => {
    const { agency, creator, dealsA, dealsB, projectsB } = await world()
    const c = await open(creator, agency.workspaceId)
    await eventually(async () => expect(await keys(c, 'deals')).toEqual(ids(dealsA)))
    await agency.setRole(creator, 'editor', [])
    await eventually(async () => {
      expect(await keys(c, 'deals')).toEqual(ids([...dealsA, ...dealsB]))
      expect(await keys(c, 'projects')).toEqual(ids(projectsB as ProjectDoc[]))
    })
    for (const d of dealsA) expect(c.pulledCount(d.id)).toBe(1)
  })

  it('a removed member and a deleted workspace stop replication with the reason to purge', async () => {
    const { agency, creator } = await world()
    const c = await open(creator, agency.workspaceId)
    await c.replication().awaitInSync()
    await agency.owner.api.workspaces.removeMember.mutate({
      workspaceId: agency.workspaceId,
      userId: creator.userId,
    })
    await expect(c.supervisor.stopped).resolves.toMatchObject({
      kind: 'gone',
      reason: 'NOT_A_MEMBER',
    })

    const editor = await agency.join('editor')
    const e = await open(editor, agency.workspaceId)
    await e.replication().awaitInSync()
    await agency.owner.api.workspaces.delete.mutate({
      workspaceId: agency.workspaceId,
      confirmName: 'Agency',
    })
    await expect(e.supervisor.stopped).resolves.toMatchObject({
      kind: 'gone',
      reason: 'WORKSPACE_DELETED',
    })
  })
})
