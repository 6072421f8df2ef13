import { afterEach, describe, expect, it } from 'vitest'
import type { DealDoc } from '../../shared/data/registry'
import { createAgency, docOf } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import { eventually, openRxClient, type RxClient } from '../test-support/rx-client'

/**
 * Issue 8, fault 5: a checkpoint ahead of the server's sequence is refused (CHECKPOINT_AHEAD), and a
 * client whose server was restored from an older backup starts over and heals it: the documents
 * the server lost come back from the client, nothing is duplicated, and both sides agree again.
 */
describe.each(testBackends())('checkpoints ahead of the server on %s', (kind) => {
  const harness = useHarness(kind)
  const clients: RxClient[] = []
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })

  it('a pull from a checkpoint the server never issued is refused with CHECKPOINT_AHEAD', async () => {
    const server = await harness.start(await harness.newStore())
    const agency = await createAgency(server.url)
    await expect(
      agency.owner.api.sync.pull.query({
        collection: 'deals',
        workspaceId: agency.workspaceId,
        checkpoint: { seq: 1_000_000_000 },
        limit: 10,
      }),
    ).rejects.toMatchObject({ data: { code: 'CONFLICT', reason: 'CHECKPOINT_AHEAD' } })
    await server.stop()
  })

  it('a server restored from an older backup heals from its clients', async () => {
    const store = await harness.newStore()
    let server = await harness.start(store)
    const agency = await createAgency(server.url)
    const deal = (title: string): DealDoc =>
      docOf('deals', agency.workspaceId, { accountId: agency.accountA, title, deliverables: [] })
    const client = await openRxClient({
      url: () => server.url,
      token: agency.owner.token,
      workspaceId: agency.workspaceId,
      collections: ['workspaces', 'accounts', 'deals'],
    })
    clients.push(client)
    const before = [deal('before backup 1'), deal('before backup 2')]
    await client.db.collections.deals.bulkInsert(before)
    await client.replication().awaitInSync()

    await server.stop()
    const backup = await harness.backup(store)
    server = await harness.start(store, { port: server.port })
    const after = [deal('after backup 1'), deal('after backup 2'), deal('after backup 3')]
    await client.db.collections.deals.bulkInsert(after)
    // Pushed, and pulled back, so the client's checkpoint passes the backup's sequence.
    await eventually(async () => {
      const out = await agency.owner.api.sync.fetch.query({
        collection: 'deals',
        workspaceId: agency.workspaceId,
        ids: after.map((d) => d.id),
      })
      expect(out.documents).toHaveLength(3)
    })
    await client.replication().awaitInSync()

    // Disaster: the server comes back from the backup, without the last three deals.
    await server.stop()
    server = await harness.start(backup, { port: server.port })
    const lost = await agency.owner.api.sync.fetch.query({
      collection: 'deals',
      workspaceId: agency.workspaceId,
      ids: after.map((d) => d.id),
    })
    expect(lost.documents).toEqual([])
    const firstRun = client.replication()

    // The client hears CHECKPOINT_AHEAD, starts over with the next epoch and pushes them back.
    await eventually(async () => {
      const out = await agency.owner.api.sync.fetch.query({
        collection: 'deals',
        workspaceId: agency.workspaceId,
        ids: [...before, ...after].map((d) => d.id),
      })
      expect(out.documents.map((d) => d['title']).sort()).toEqual(
        [...before, ...after].map((d) => d.title).sort(),
      )
    }, 30_000)
    expect(client.replication()).not.toBe(firstRun)
    await client.replication().awaitInSync()
    const local = await client.live('deals')
    expect([...local.keys()].sort()).toEqual([...before, ...after].map((d) => d.id).sort())
    // And new writes flow normally afterwards.
    const later = deal('after the heal')
    await client.db.collections.deals.insert(later)
    await eventually(async () => {
      const out = await agency.owner.api.sync.fetch.query({
        collection: 'deals',
        workspaceId: agency.workspaceId,
        ids: [later.id],
      })
      expect(out.documents).toHaveLength(1)
    })
  })
})
