import { afterAll, describe, expect, it } from 'vitest'
import { migrateAccountV0toV1 } from '../../../shared/data/collections/accounts'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { readMasters } from '../../sync/documents'
import { testBackends } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openTestDatabase, stopLocalCluster } from '../../test-support/test-database'
import { accountsLinkMigration } from './0004b_accounts_link'

afterAll(() => stopLocalCluster())

describe.each(testBackends())('server migration of stored accounts on %s', (kind) => {
  it('gives stored version-0 accounts the same `link` clients add, keeping their seq', async () => {
    const t = await openTestDatabase(kind)
    try {
      const { link: _link, ...old } = sampleDocs().accounts
      const other = { ...sampleDocs().posts }
      await plantDocuments(t.database, [
        ['accounts', old, 7, old.accountId],
        ['posts', other, 8, other.accountId],
      ])
      await accountsLinkMigration(t.database.dialect).up(t.database.db)
      // Running it again changes nothing (a document with `link` is left alone).
      await accountsLinkMigration(t.database.dialect).up(t.database.db)
      const accounts = await readMasters(t.database.db, old.workspaceId, 'accounts', [old.id])
      expect(accounts.get(old.id)).toMatchObject({ seq: 7, data: migrateAccountV0toV1(old) })
      const posts = await readMasters(t.database.db, other.workspaceId, 'posts', [other.id])
      expect(posts.get(other.id)?.data).toEqual(other)
    } finally {
      await t.close()
    }
  })
})
