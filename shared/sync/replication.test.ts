import { EventSource } from 'eventsource'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createReeldeskDatabase, type ReeldeskDatabase } from '../../renderer/data/database'
import { createOfflineSwitch, type OfflineSwitch } from '../../renderer/data/offline-switch'
import {
  PUSH_BATCH_SIZE,
  startReplication,
  type ReeldeskReplication,
} from '../../renderer/data/replication'
import { createSyncClient, type SyncClient } from '../../renderer/data/sync-client'
import { testClient, type TestClient } from '../../server/test-support/client'
import { testBackends, useHarness, type BackendStore } from '../../server/test-support/harness'
import type { ServerProcess } from '../../server/test-support/server-process'
import { uuidv7 } from '../data/ids'
import { jsonEqual } from '../data/merge'
import type { DealDoc } from '../data/registry'
import { sampleDocs } from '../data/sample-docs'

/** Three clients × four collections stay under the free RxDB limit of 13 open collections. */
const OPEN = ['workspaces', 'accounts', 'projects', 'deals'] as const
type Open = (typeof OPEN)[number]

let dbCounter = 0

interface Client {
  db: ReeldeskDatabase
  net: OfflineSwitch
  replication: ReeldeskReplication
  close(): Promise<void>
}

/** Documents the server acknowledged (pushed and not returned as conflicts), by id. */
type AckLog = Map<string, Record<string, unknown>>

/** What one client's pushes did, as the client saw it. */
interface PushLog {
  acked: AckLog
  /** Ids of rows in push requests sent and not yet answered. */
  inFlight: Set<string>
  /** Push requests the server answered. */
  answered: number
}

async function openClient(
  url: () => string,
  token: string,
  workspaceId: string,
  log?: PushLog,
): Promise<Client> {
  dbCounter += 1
  const db = await createReeldeskDatabase({
    storage: getRxStorageMemory(),
    name: `client${dbCounter}`,
    only: OPEN,
  })
  const inner = createSyncClient({ serverUrl: url(), token: () => token, EventSource })
  const recording: SyncClient = {
    ...inner,
    async push(input) {
      const ids = input.rows.map((r) => String(r.newDocumentState['id']))
      for (const id of ids) log?.inFlight.add(id)
      let out: Awaited<ReturnType<SyncClient['push']>>
      try {
        out = await inner.push(input)
      } finally {
        for (const id of ids) log?.inFlight.delete(id)
      }
      if (log) log.answered += 1
      const notWritten = new Set([
        ...out.conflicts.map((c) => c['id']),
        ...out.refused.map((r) => r.id),
      ])
      for (const row of input.rows)
        if (!notWritten.has(row.newDocumentState['id']))
          log?.acked.set(String(row.newDocumentState['id']), row.newDocumentState)
      return out
    },
  }
  const net = createOfflineSwitch(recording)
  const replication = startReplication({
    db,
    workspaceId,
    client: net.client,
    serverId: 'test',
    retryTime: 100,
  })
  return {
    db,
    net,
    replication,
    async close() {
      await replication.cancel()
      await db.close()
    },
  }
}

async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}

function strip(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc).filter(([k]) => !['_meta', '_rev', '_attachments', '_deleted'].includes(k)),
  )
}

async function serverDocs(
  api: TestClient,
  workspaceId: string,
  collection: Open,
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>()
  let checkpoint: { seq: number } | null = null
  for (;;) {
    const page: { documents: Record<string, unknown>[]; checkpoint: { seq: number } } =
      await api.sync.pull.query({ collection, workspaceId, checkpoint, limit: 1000 })
    for (const d of page.documents) out.set(String(d['id']), d)
    checkpoint = page.checkpoint
    if (page.documents.length < 1000) return out
  }
}

async function clientDocs(
  client: Client,
  collection: Open,
): Promise<Map<string, Record<string, unknown>>> {
  const docs = await client.db.collections[collection].find().exec()
  return new Map(docs.map((d) => [d.primary, strip(d.toMutableJSON() as Record<string, unknown>)]))
}

/** Every client holds exactly the server's live documents. */
async function expectConverged(
  api: TestClient,
  workspaceId: string,
  clients: Client[],
  collections: readonly Open[] = OPEN,
) {
  for (const collection of collections) {
    const server = await serverDocs(api, workspaceId, collection)
    const live = new Map(
      [...server].filter(([, d]) => d['_deleted'] !== true).map(([id, d]) => [id, strip(d)]),
    )
    for (const client of clients) {
      const local = await clientDocs(client, collection)
      expect([...local.keys()].sort()).toEqual([...live.keys()].sort())
      for (const [id, doc] of live) {
        if (!jsonEqual(local.get(id), doc)) expect(local.get(id)).toEqual(doc)
      }
    }
  }
}

function newDeal(workspaceId: string, accountId: string, title: string): DealDoc {
  return {
    ...sampleDocs().deals,
    id: uuidv7(),
    workspaceId,
    accountId,
    title,
    deliverables: [],
    updatedAt: Date.now(),
  }
}

describe.each(testBackends())('replication with RxDB clients on %s', (kind) => {
  const harness = useHarness(kind)
  let store: BackendStore
  let server: ServerProcess
  let api: TestClient
  let token: string
  let workspaceId: string
  let accountId: string
  const clients: Client[] = []
  const url = () => server.url

  const open = async (log?: PushLog) => {
    const c = await openClient(url, token, workspaceId, log)
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    store = await harness.newStore()
    server = await harness.start(store)
    const up = await testClient(server.url).auth.signUp.mutate({
      email: `owner-${kind}@example.com`,
      password: 'a long enough password',
      displayName: 'Owner',
    })
    token = up.token
    workspaceId = up.personalWorkspaceId
    api = testClient(server.url, token)
    accountId = uuidv7()
    const account = {
      ...sampleDocs().accounts,
      id: accountId,
      accountId,
      workspaceId,
      updatedAt: Date.now(),
    }
    await api.sync.push.mutate({
      collection: 'accounts',
      workspaceId,
      rows: [{ newDocumentState: account }],
    })
  })

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })

  it('offline edits on one client reach another after reconnect', async () => {
    const a = await open()
    const b = await open()
    await Promise.all([a.replication.awaitInSync(), b.replication.awaitInSync()])
    a.net.setOnline(false)
    const deal = newDeal(workspaceId, accountId, 'Written offline')
    await a.db.collections.deals.insert(deal)
    await new Promise((r) => setTimeout(r, 300))
    expect(await b.db.collections.deals.findOne(deal.id).exec()).toBeNull()
    a.net.setOnline(true)
    await eventually(async () => {
      const seen = await b.db.collections.deals.findOne(deal.id).exec()
      expect(seen?.title).toBe('Written offline')
    })
    await expectConverged(api, workspaceId, [a, b])
  })

  it('two clients edit the same document offline: both edits survive the merge', async () => {
    const a = await open()
    const b = await open()
    const deal = newDeal(workspaceId, accountId, 'Original')
    await a.db.collections.deals.insert(deal)
    await eventually(async () =>
      expect(await b.db.collections.deals.findOne(deal.id).exec()).not.toBeNull(),
    )
    a.net.setOnline(false)
    b.net.setOnline(false)
    const docA = await a.db.collections.deals.findOne(deal.id).exec()
    const docB = await b.db.collections.deals.findOne(deal.id).exec()
    await docA?.incrementalPatch({ title: 'Renamed on A', updatedAt: Date.now() })
    const deliverable = {
      id: uuidv7(),
      kind: 'video' as const,
      description: 'added on B',
      dueAt: null,
      postId: null,
      projectId: null,
      done: false,
    }
    await docB?.incrementalPatch({
      notes: 'notes from B',
      deliverables: [deliverable],
      updatedAt: Date.now() + 1,
    })
    a.net.setOnline(true)
    b.net.setOnline(true)
    await eventually(async () => {
      for (const c of [a, b]) {
        const d = await c.db.collections.deals.findOne(deal.id).exec()
        expect(d?.title).toBe('Renamed on A')
        expect(d?.notes).toBe('notes from B')
        expect(d?.deliverables.map((x) => x.description)).toEqual(['added on B'])
      }
    })
    await expectConverged(api, workspaceId, [a, b], ['deals'])
  })

  it('server killed with SIGKILL mid-push and restarted: no acknowledged write lost, clients converge', async () => {
    // The server pauses before every commit and says so on stdout (a test-only hook), so the
    // kill below lands, as seen from the server, inside a push transaction whose rows are
    // written and not committed — not merely while the client has requests queued.
    await server.stop()
    server = await harness.start(store, {
      port: server.port,
      env: { REELDESK_TEST_COMMIT_DELAY_MS: '1500' },
    })
    const log: PushLog = { acked: new Map(), inFlight: new Set(), answered: 0 }
    const a = await open(log)
    const b = await open()
    await Promise.all([a.replication.awaitInSync(), b.replication.awaitInSync()])
    // Enough for several push requests: at least one is acknowledged, the next one is killed.
    const deals = Array.from({ length: Math.floor(PUSH_BATCH_SIZE * 2.5) }, (_, i) =>
      newDeal(workspaceId, accountId, `bulk ${i}`),
    )
    await a.db.collections.deals.bulkInsert(deals)
    // Kill when, after a first acknowledged push, more transactions have reached their commit
    // than pushes were answered: one is paused before COMMIT, its rows written. The check runs
    // every 50 ms, well inside the 1.5 s pause.
    await eventually(async () => {
      expect(log.answered).toBeGreaterThan(0)
      expect(server.testMarkers().length).toBeGreaterThan(log.answered)
    }, 30_000)
    // Taken before the kill: the requests it cuts off fail at once and leave the log.
    const ackedAtKill = new Map(log.acked)
    const killedPush = new Set(log.inFlight)
    await server.kill()
    a.net.setOnline(false)
    expect(ackedAtKill.size).toBeGreaterThan(0)
    expect(killedPush.size).toBeGreaterThan(0)

    server = await harness.start(store, { port: server.port })
    const afterRestart = await serverDocs(api, workspaceId, 'deals')
    for (const [id, doc] of ackedAtKill) expect(jsonEqual(afterRestart.get(id), doc)).toBe(true)
    // The killed transaction left nothing behind: none of its rows is on the server.
    for (const id of killedPush) expect(afterRestart.has(id)).toBe(false)

    a.net.setOnline(true)
    await eventually(async () => {
      const all = await serverDocs(api, workspaceId, 'deals')
      for (const d of deals) expect(all.has(d.id)).toBe(true)
    }, 30_000)
    await eventually(() => expectConverged(api, workspaceId, [a, b], ['deals']), 30_000)
  }, 90_000)

  it('property: 3 clients, 600 random operations, random disconnects, one restart: replicas equal the server, nothing lost', async () => {
    const random = mulberry32(kind === 'sqlite' ? 0x5eed : 0xbeef)
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
    const cs = [await open(), await open(), await open()]
    await Promise.all(cs.map((c) => c.replication.awaitInSync()))
    const inserted = new Set<string>()
    const deliverables = new Map<string, Set<string>>()
    const deletedBy = new Set<string>()
    const OPS = 600
    for (let op = 0; op < OPS; op += 1) {
      if (op === OPS / 2) {
        await server.stop()
        server = await harness.start(store, { port: server.port })
      }
      const c = pick(cs)
      const roll = random()
      if (roll < 0.08) {
        c.net.setOnline(!c.net.isOnline())
      } else if (roll < 0.3 || inserted.size < 3) {
        const deal = newDeal(workspaceId, accountId, `deal ${op}`)
        await c.db.collections.deals.insert(deal)
        inserted.add(deal.id)
        deliverables.set(deal.id, new Set())
      } else {
        const doc = await c.db.collections.deals.findOne(pick([...inserted])).exec()
        if (!doc) continue
        const kindOfEdit = random()
        const updatedAt = Date.now()
        if (kindOfEdit < 0.4) await doc.incrementalPatch({ title: `title ${op}`, updatedAt })
        else if (kindOfEdit < 0.7) await doc.incrementalPatch({ notes: `notes ${op}`, updatedAt })
        else if (kindOfEdit < 0.97) {
          const id = uuidv7()
          await doc.incrementalModify((d) => ({
            ...d,
            updatedAt: Date.now(),
            deliverables: [
              ...d.deliverables,
              {
                id,
                kind: 'video',
                description: `op ${op}`,
                dueAt: null,
                postId: null,
                projectId: null,
                done: false,
              },
            ],
          }))
          deliverables.get(doc.primary)?.add(id)
        } else {
          await doc.incrementalRemove()
          deletedBy.add(doc.primary)
        }
      }
      if (random() < 0.3) await new Promise((r) => setTimeout(r, Math.floor(random() * 4)))
    }
    for (const c of cs) c.net.setOnline(true)
    await eventually(() => expectConverged(api, workspaceId, cs, ['deals']), 30_000)
    const final = await serverDocs(api, workspaceId, 'deals')
    for (const id of inserted) expect(final.has(id)).toBe(true)
    // Deliverables are added on different clients to the same deals offline: none may vanish.
    for (const [id, added] of deliverables) {
      const doc = final.get(id)
      if (!doc || doc['_deleted'] === true) continue
      const present = new Set((doc['deliverables'] as { id: string }[]).map((d) => d.id))
      for (const d of added) expect(present.has(d)).toBe(true)
    }
  }, 90_000)
})

/** Small seeded PRNG: a failing run can be replayed exactly. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
