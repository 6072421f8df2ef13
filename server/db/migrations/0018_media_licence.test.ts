import { afterAll, describe, expect, it } from 'vitest'
import { mediaSchema, migrateMediaToV1 } from '../../../shared/data/collections/media'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { readMasters } from '../../sync/documents'
import { testBackends } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openTestDatabase, stopLocalCluster } from '../../test-support/test-database'
import { mediaLicenceMigration } from './0018_media_licence'

afterAll(() => stopLocalCluster())

describe.each(testBackends())('server migration of stored media on %s', (kind) => {
  it('gives stored version-0 media the licence clients give them, keeping seq and the rest', async () => {
    const t = await openTestDatabase(kind)
    try {
      const { musicLicence: _l, ...old } = sampleDocs().media
      const stated = { ...sampleDocs().media, id: '01890a5d-ac96-774b-bcce-b302099a8060' }
      stated.musicLicence = 'personal'
      const other = sampleDocs().posts
      await plantDocuments(t.database, [
        ['media', old, 7, old.accountId],
        ['media', stated, 8, stated.accountId],
        ['posts', other, 9, other.accountId],
      ])
      await mediaLicenceMigration(t.database.dialect).up(t.database.db)
      // Running it again changes nothing.
      await mediaLicenceMigration(t.database.dialect).up(t.database.db)
      const stored = await readMasters(t.database.db, old.workspaceId, 'media', [old.id, stated.id])
      expect(stored.get(old.id)).toMatchObject({
        seq: 7,
        data: { ...old, musicLicence: 'unknown' },
      })
      expect(mediaSchema.safeParse(stored.get(old.id)?.data).success).toBe(true)
      // A licence someone already stated is kept.
      expect(stored.get(stated.id)).toMatchObject({ seq: 8, data: stated })
      expect(migrateMediaToV1(stated)).toBe(stated)
      const posts = await readMasters(t.database.db, other.workspaceId, 'posts', [other.id])
      expect(posts.get(other.id)?.data).toEqual(other)
    } finally {
      await t.close()
    }
  })
})
