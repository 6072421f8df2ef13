import { afterAll, describe, expect, it } from 'vitest'
import { migrateLedgerV0toV1 } from '../../../shared/data/collections/ledger'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { readMasters } from '../../sync/documents'
import { testBackends } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openTestDatabase, stopLocalCluster } from '../../test-support/test-database'
import { earningsMigration } from './0008_earnings'

afterAll(() => stopLocalCluster())

describe.each(testBackends())('server migration of stored ledger entries on %s', (kind) => {
  it('gives stored version-0 entries the same `detail` clients add, keeping their seq', async () => {
    const t = await openTestDatabase(kind)
    try {
      const { detail: _detail, ...old } = sampleDocs().ledger
      const other = { ...sampleDocs().posts }
      await plantDocuments(t.database, [
        ['ledger', old, 7, old.accountId],
        ['posts', other, 8, other.accountId],
      ])
      await earningsMigration(t.database.dialect).up(t.database.db)
      // Running it again changes nothing (an entry with `detail` is left alone).
      await earningsMigration(t.database.dialect).up(t.database.db)
      const ledger = await readMasters(t.database.db, old.workspaceId, 'ledger', [old.id])
      expect(ledger.get(old.id)).toMatchObject({ seq: 7, data: migrateLedgerV0toV1(old) })
      const posts = await readMasters(t.database.db, other.workspaceId, 'posts', [other.id])
      expect(posts.get(other.id)?.data).toEqual(other)
    } finally {
      await t.close()
    }
  })
})
