import { afterAll, describe, expect, it } from 'vitest'
import { dealSchema } from '../../../shared/data/collections/deals'
import { migrateDealToV2 } from '../../../shared/data/collections/deals-migration'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { readMasters } from '../../sync/documents'
import { testBackends } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openTestDatabase, stopLocalCluster } from '../../test-support/test-database'
import { sparkCaptionsMigration } from './0019_spark_captions'

afterAll(() => stopLocalCluster())

describe.each(testBackends())('server migration of stored deals to version 2 on %s', (kind) => {
  it('gives recorded Spark codes an unknown caption, keeping seq and the rest', async () => {
    const t = await openTestDatabase(kind)
    try {
      const code = {
        id: '01890a5d-ac96-774b-bcce-b30209900011',
        code: 'SPARK-1',
        postId: null,
        durationDays: 30,
        issuedAt: 1_700_000_000_000,
        revokedAt: null,
      }
      const old = { ...sampleDocs().deals, sparkCodes: [code] }
      await plantDocuments(t.database, [['deals', old, 5, old.accountId]])
      await sparkCaptionsMigration(t.database.dialect).up(t.database.db)
      await sparkCaptionsMigration(t.database.dialect).up(t.database.db)
      const stored = await readMasters(t.database.db, old.workspaceId, 'deals', [old.id])
      expect(stored.get(old.id)).toMatchObject({ seq: 5, data: migrateDealToV2(old) })
      expect(stored.get(old.id)?.data['sparkCodes']).toEqual([{ ...code, caption: null }])
      expect(dealSchema.safeParse(stored.get(old.id)?.data).success).toBe(true)
    } finally {
      await t.close()
    }
  })
})
