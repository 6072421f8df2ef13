import { afterAll, describe, expect, it } from 'vitest'
import { emptyWorkspaceSettings } from '../../../shared/data/collections/workspace-settings'
import {
  migrateWorkspaceV0toV1,
  workspaceSchema,
} from '../../../shared/data/collections/workspaces'
import { sampleDocs } from '../../../shared/data/sample-docs'
import { readMasters } from '../../sync/documents'
import { testBackends } from '../../test-support/harness'
import { plantDocuments } from '../../test-support/stored-documents'
import { openTestDatabase, stopLocalCluster } from '../../test-support/test-database'
import { workspaceSettingsMigration } from './0010_workspace_settings'

afterAll(() => stopLocalCluster())

describe.each(testBackends())('server migration of stored workspaces on %s', (kind) => {
  it('gives stored version-0 workspaces the default `settings` clients add, keeping their seq', async () => {
    const t = await openTestDatabase(kind)
    try {
      const { settings: _settings, ...old } = sampleDocs().workspaces
      const other = { ...sampleDocs().posts }
      await plantDocuments(t.database, [
        ['workspaces', old, 7, null],
        ['posts', other, 8, other.accountId],
      ])
      await workspaceSettingsMigration(t.database.dialect).up(t.database.db)
      // Running it again changes nothing (a document with `settings` is left alone).
      await workspaceSettingsMigration(t.database.dialect).up(t.database.db)
      const stored = await readMasters(t.database.db, old.workspaceId, 'workspaces', [old.id])
      const migrated = migrateWorkspaceV0toV1(old)
      expect(migrated).toEqual({ ...old, settings: emptyWorkspaceSettings() })
      expect(stored.get(old.id)).toMatchObject({ seq: 7, data: migrated })
      // The migrated master is a valid version-1 document.
      expect(workspaceSchema.safeParse(stored.get(old.id)?.data).success).toBe(true)
      const posts = await readMasters(t.database.db, other.workspaceId, 'posts', [other.id])
      expect(posts.get(other.id)?.data).toEqual(other)
    } finally {
      await t.close()
    }
  })
})
