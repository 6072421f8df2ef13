import { EventSource } from 'eventsource'
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory'
import { beforeAll, describe, expect, it } from 'vitest'
import { createReeldeskDatabase } from '../../renderer/data/database'
import { LARGE_DOCUMENT_PULL, startReplication } from '../../renderer/data/replication'
import { createSyncClient, type SyncClient } from '../../renderer/data/sync-client'
import { testClient, type TestClient } from '../../server/test-support/client'
import { testBackends, useHarness } from '../../server/test-support/harness'
import type { ServerProcess } from '../../server/test-support/server-process'
import { unpackAll } from '../analytics/metric-pack'
import { addDays } from '../analytics/month-doc'
import { uuidv7 } from '../data/ids'
import { jsonEqual } from '../data/merge'
import type { MetricPackDoc } from '../data/registry'
import { sampleDocs } from '../data/sample-docs'

/**
 * Metrics packs (one per account-month, tens of kilobytes each) are pulled in smaller requests
 * than other collections' documents, so the device writes one batch while the server reads the
 * next. Through a real server process: every pack arrives as the server holds it.
 */
describe.each(testBackends())('metrics packs replicating to an RxDB client on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let api: TestClient
  let token: string
  let workspaceId: string
  let accountId: string

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    const up = await testClient(server.url).auth.signUp.mutate({
      email: `metrics-${kind}@example.com`,
      password: 'a long enough password',
      displayName: 'Owner',
    })
    token = up.token
    workspaceId = up.personalWorkspaceId
    api = testClient(server.url, token)
    accountId = uuidv7()
    await api.sync.push.mutate({
      collection: 'accounts',
      workspaceId,
      rows: [
        {
          newDocumentState: {
            ...sampleDocs().accounts,
            id: accountId,
            accountId,
            workspaceId,
            updatedAt: Date.now(),
          },
        },
      ],
    })
    // Ten years of days: 120 account-month packs.
    const days = Array.from({ length: 3_650 }, (_, i) => ({
      date: addDays('2016-01-01', i),
      views: 10 + (i % 7),
      followers: 1_000 + i,
    }))
    await api.analytics.importDays.mutate({ workspaceId, accountId, days })
  })

  it('pulls every pack in requests of the large-document size, each stored as the server has it', async () => {
    const db = await createReeldeskDatabase({
      storage: getRxStorageMemory(),
      name: `metrics-client-${uuidv7()}`,
      only: ['metrics'],
    })
    const inner = createSyncClient({ serverUrl: server.url, token: () => token, EventSource })
    const limits: number[] = []
    const client: SyncClient = {
      ...inner,
      pull(input) {
        limits.push(input.limit)
        return inner.pull(input)
      },
    }
    const replication = startReplication({ db, workspaceId, client, serverId: 'test' })
    try {
      await replication.awaitInSync()
      const onServer: MetricPackDoc[] = []
      let checkpoint: { seq: number } | null = null
      for (;;) {
        const page = await api.sync.pull.query({
          collection: 'metrics',
          workspaceId,
          checkpoint,
          limit: 1000,
        })
        onServer.push(...(page.documents as unknown as MetricPackDoc[]))
        checkpoint = page.checkpoint
        if (page.documents.length < 1000) break
      }
      expect(onServer.length).toBeGreaterThanOrEqual(120)
      const local = await db.collections.metrics.find().exec()
      expect(local).toHaveLength(onServer.length)
      for (const doc of onServer) {
        const held = local.find((d) => d.primary === doc.id)?.toJSON(true)
        const {
          _rev: _r,
          _meta: _m,
          _attachments: _a,
          ...stored
        } = (held ?? {}) as Record<string, unknown>
        if (!jsonEqual(stored, doc)) expect(stored).toEqual(doc)
      }
      // Ten years of the account's days, all there.
      const views = unpackAll(local.map((d) => d.toMutableJSON(true) as MetricPackDoc))
      expect(views.reduce((n, m) => n + m.views.filter((v) => v !== null).length, 0)).toBe(3_650)
      // Requests stayed at the large-document size: more than one for 120 packs.
      expect(limits.length).toBeGreaterThan(2)
      expect(new Set(limits)).toEqual(new Set([LARGE_DOCUMENT_PULL.metrics]))
    } finally {
      await replication.cancel()
      await db.close()
    }
  })
})
