import type { Kysely, Migration } from 'kysely'
import { migrateWorkspaceV0toV1 } from '../../../shared/data/collections/workspaces'
import type { Dialect } from '../connect'
import { rewriteDocuments } from './rewrite-documents'

/**
 * Workspaces schema 0 → 1 (`settings` added, every section at its default) for the documents the
 * server stores, with the very step clients run on their local copies
 * (shared/data/collections/workspaces.ts). The seq is kept: a
 * client holding the old copy migrates it to exactly this document, so its next push still
 * matches the master, and a client pulling later receives the new shape.
 */
export function workspaceSettingsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await rewriteDocuments(db, dialect, 'workspaces', migrateWorkspaceV0toV1)
    },
  }
}
