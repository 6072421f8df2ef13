import { Migrator } from 'kysely'
import { describe, expect, it } from 'vitest'
import { collections } from '../../../shared/data/registry'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { testBackends, useHarness } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openDatabase } from '../connect'
import { migrateToLatest } from '../migrate'
import { fromJsonColumn } from '../values'
import { initialMigration } from './0001_initial'

describe.each(testBackends())('migration 0005 on %s', (kind) => {
  const harness = useHarness(kind)

  it('gives every stored project trashedAt: null, so version 1 accepts it, and adds the blob tables', async () => {
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
      const { trashedAt: _dropped, ...oldProject } = sampleDocs().projects
      const trashed = { ...oldProject, id: 'p2', trashedAt: 1234 }
      await plantDocuments(database, [
        ['projects', { ...oldProject, id: 'p1' }, 1, oldProject.accountId],
        ['projects', trashed, 2, oldProject.accountId],
      ])

      await migrateToLatest(database.db, database.dialect)

      const rows = await database.db
        .selectFrom('documents')
        .select(['id', 'data'])
        .orderBy('id')
        .execute()
      const docs = rows.map((r) => fromJsonColumn(r.data) as Record<string, unknown>)
      expect(docs.map((d) => d['trashedAt'])).toEqual([null, 1234])
      const valid = collections.projects.schema.safeParse({
        ...docs[0],
        id: sampleDocs().projects.id,
      })
      expect(valid.success).toBe(true)
      expect(await database.db.selectFrom('blob_objects').selectAll().execute()).toEqual([])
    } finally {
      await database.close()
    }
  })
})
