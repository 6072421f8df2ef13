import { afterAll, describe, expect, it } from 'vitest'
import { migratePostV0toV1, postSchema } from '../../../shared/data/collections/posts'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { readMasters } from '../../sync/documents'
import { testBackends } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openTestDatabase, stopLocalCluster } from '../../test-support/test-database'
import { publishingMigration } from './0006_publishing'

afterAll(() => stopLocalCluster())

describe.each(testBackends())('server migration of stored posts on %s', (kind) => {
  it('rewrites stored version-0 posts exactly as clients do, keeping their seq', async () => {
    const t = await openTestDatabase(kind)
    try {
      const current = sampleDocs().posts
      const {
        video: _v,
        coverMs: _c,
        mode: _m,
        scheduleZone: _z,
        release: _r,
        comments: _k,
        ...rest
      } = current
      const old = {
        ...rest,
        disclosure: { commercial: true, kind: 'paid_partnership' },
        approval: { state: 'pending', by: null, at: null, note: null },
        publish: { state: 'idle', platformPostId: null, error: null, publishedAt: null },
      }
      await plantDocuments(t.database, [['posts', old, 9, old.accountId]])
      await publishingMigration(t.database.dialect).up(t.database.db)
      await publishingMigration(t.database.dialect).up(t.database.db)
      const stored = await readMasters(t.database.db, old.workspaceId, 'posts', [old.id])
      const master = stored.get(old.id)
      expect(master).toMatchObject({ seq: 9, data: migratePostV0toV1(old) })
      expect(postSchema.safeParse(master?.data).success).toBe(true)
    } finally {
      await t.close()
    }
  })
})
