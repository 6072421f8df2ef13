import { Migrator } from 'kysely'
import { describe, expect, it } from 'vitest'
import { readings } from '../../../shared/analytics/month-doc'
import { unpackAll } from '../../../shared/analytics/metric-pack'
import { collections, type MetricPackDoc } from '../../../shared/data/registry'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { testBackends, useHarness } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openDatabase } from '../connect'
import { migrateToLatest } from '../migrate'
import { fromJsonColumn, toNumber } from '../values'
import { initialMigration } from './0001_initial'

const POST = '018f0000-0000-7000-8000-0000000000aa'

describe.each(testBackends())('migration 0007 (metrics by month) on %s', (kind) => {
  const harness = useHarness(kind)

  it('folds stored day documents into month documents with new seqs, every day kept', async () => {
    const store = await harness.newStore()
    const database = openDatabase(store)
    try {
      const first = new Migrator({
        db: database.db,
        provider: {
          getMigrations: async () => ({ '0001_initial': initialMigration(database.dialect) }),
        },
      })
      expect((await first.migrateToLatest()).error).toBeUndefined()
      const s = sampleDocs().metrics
      const ws = s.workspaceId
      // Version-0 documents: one per day. Two account days across a month boundary, one post day.
      const day = (id: string, date: string, postId: string | null, views: number) => ({
        id,
        workspaceId: ws,
        updatedAt: 5,
        _deleted: false,
        accountId: s.accountId,
        postId,
        date,
        views,
        likes: 3,
        comments: 2,
        shares: 1,
        saves: 0,
        watchTimeMs: 9_000,
        followers: postId ? null : 100 + views,
        profileViews: postId ? null : 7,
      })
      const old = [
        day('018f0000-0000-7000-8000-000000000001', '2023-10-31', null, 40),
        day('018f0000-0000-7000-8000-000000000002', '2023-11-01', null, 55),
        day('018f0000-0000-7000-8000-000000000003', '2023-11-02', POST, 20),
      ]
      await plantDocuments(
        database,
        old.map((doc, i) => ['metrics', doc, i + 1, doc.accountId] as const),
      )
      const seq = old.length
      await database.db.insertInto('workspace_seq').values({ workspace_id: ws, seq }).execute()

      await migrateToLatest(database.db, database.dialect)

      const rows = await database.db
        .selectFrom('documents')
        .select(['id', 'seq', 'data'])
        .where('collection', '=', 'metrics')
        .execute()
      // 0021 then packs the months one document per account-month.
      const packs = rows.map((r) => fromJsonColumn(r.data) as MetricPackDoc)
      for (const p of packs) expect(collections.metrics.schema.safeParse(p).success).toBe(true)
      expect(packs.map((p) => p.month).sort()).toEqual(['2023-10', '2023-11'])
      const docs = unpackAll(packs)
      expect(packs.map((d) => d.id)).not.toContain(old[0]?.id)
      const account = docs.filter((d) => d.postId === null)
      expect(account.map((d) => d.month).sort()).toEqual(['2023-10', '2023-11'])
      expect(readings(account, 'views')).toEqual([
        { date: '2023-10-31', value: 40 },
        { date: '2023-11-01', value: 55 },
      ])
      expect(readings(account, 'followers').map((p) => p.value)).toEqual([140, 155])
      const post = docs.filter((d) => d.postId === POST)
      expect(readings(post, 'views')).toEqual([{ date: '2023-11-02', value: 20 }])
      expect(post[0]?.followers).toBeNull()
      // New seqs above every earlier one, and the workspace counter moved with them.
      expect(rows.every((r) => toNumber(r.seq) > 3)).toBe(true)
      const counter = await database.db
        .selectFrom('workspace_seq')
        .select('seq')
        .where('workspace_id', '=', ws)
        .executeTakeFirstOrThrow()
      // 0007 wrote three months (seqs 4–6), 0021 their two packs.
      expect(toNumber(counter.seq)).toBe(3 + 3 + packs.length)
    } finally {
      await database.close()
    }
  })
})
