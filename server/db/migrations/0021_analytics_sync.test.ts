import { afterAll, describe, expect, it } from 'vitest'
import { unpackMonths } from '../../../shared/analytics/metric-pack'
import { emptyMonth, putDays } from '../../../shared/analytics/month-doc'
import { metricPackSchema, type MetricDoc } from '../../../shared/data/collections/metrics'
import type { MetricPackDoc } from '../../../shared/data/registry'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { metricMonthId, metricPackId } from '../../analytics/metric-writes'
import { readMasters } from '../../sync/documents'
import { testBackends } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openTestDatabase, stopLocalCluster } from '../../test-support/test-database'
import { toNumber } from '../values'
import { analyticsSyncMigration } from './0021_analytics_sync'

afterAll(() => stopLocalCluster())

const POST_A = '018f0000-0000-7000-8000-0000000000a1'
const POST_B = '018f0000-0000-7000-8000-0000000000b2'

describe.each(testBackends())(
  'server migration 0021 (metrics packed per account-month) on %s',
  (kind) => {
    it('packs stored month documents with new seqs, every day kept, and runs again as a no-op', async () => {
      const t = await openTestDatabase(kind)
      try {
        const s = sampleDocs().metrics
        const ws = s.workspaceId
        const month = (
          postId: string | null,
          m: string,
          views: number,
          deleted = false,
        ): MetricDoc => ({
          id: metricMonthId(s.accountId, postId, m),
          workspaceId: ws,
          updatedAt: 40 + views,
          _deleted: deleted,
          accountId: s.accountId,
          postId,
          ...putDays(emptyMonth(m, postId === null), [
            {
              date: `${m}-05`,
              views,
              likes: 2,
              comments: 1,
              shares: 0,
              saves: 0,
              watchTimeMs: 7,
              followers: postId ? null : 500,
            },
          ]),
        })
        const old = [
          month(null, '2026-01', 100),
          month(POST_B, '2026-01', 20),
          month(POST_A, '2026-01', 10),
          // A month of posts only, and a deleted month that must not come back.
          month(POST_A, '2026-02', 30),
          month(POST_B, '2026-02', 1, true),
        ]
        const other = sampleDocs().posts
        await plantDocuments(t.database, [
          ...old.map((d, i) => ['metrics', d, i + 1, d.accountId] as const),
          ['posts', other, 6, other.accountId],
        ])
        await t.database.db
          .insertInto('workspace_seq')
          .values({ workspace_id: ws, seq: 6 })
          .execute()

        await analyticsSyncMigration(t.database.dialect).up(t.database.db)
        const rows = await t.database.db
          .selectFrom('documents')
          .select(['id', 'seq', 'data'])
          .where('collection', '=', 'metrics')
          .orderBy('seq')
          .execute()
        const packs = rows.map(
          (r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) as MetricPackDoc,
        )
        expect(packs.map((p) => p.id)).toEqual([
          metricPackId(s.accountId, '2026-01'),
          metricPackId(s.accountId, '2026-02'),
        ])
        // The account-month's id is the pack's: a device that kept it as a pack is overwritten.
        expect(packs[0]?.id).toBe(old[0]?.id)
        for (const p of packs) expect(metricPackSchema.safeParse(p).success).toBe(true)
        expect(rows.map((r) => toNumber(r.seq))).toEqual([7, 8])
        const unpacked = packs.flatMap((p) => unpackMonths(p, metricMonthId))
        const live = old.filter((d) => !d._deleted)
        const sortById = (list: MetricDoc[]) => [...list].sort((a, b) => a.id.localeCompare(b.id))
        expect(sortById(unpacked.map((d) => ({ ...d, updatedAt: 0 })))).toEqual(
          sortById(live.map((d) => ({ ...d, updatedAt: 0 }))),
        )
        expect(packs[1]?.account).toBeNull()
        expect(packs[1]?.posts.map((p) => p.postId)).toEqual([POST_A])
        const counter = await t.database.db
          .selectFrom('workspace_seq')
          .select('seq')
          .where('workspace_id', '=', ws)
          .executeTakeFirstOrThrow()
        expect(toNumber(counter.seq)).toBe(8)

        // Again: packs are left as they are, other collections untouched.
        await analyticsSyncMigration(t.database.dialect).up(t.database.db)
        const again = await t.database.db
          .selectFrom('documents')
          .select(['id', 'seq'])
          .where('collection', '=', 'metrics')
          .orderBy('seq')
          .execute()
        expect(again.map((r) => toNumber(r.seq))).toEqual([7, 8])
        const posts = await readMasters(t.database.db, ws, 'posts', [other.id])
        expect(posts.get(other.id)).toMatchObject({ seq: 6, data: other })
      } finally {
        await t.close()
      }
    })
  },
)
