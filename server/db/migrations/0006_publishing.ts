import type { Kysely, Migration } from 'kysely'
import { migratePostV0toV1 } from '../../../shared/data/collections/posts'
import type { Dialect } from '../connect'
import { rewriteDocuments } from './rewrite-documents'

/**
 * Posts schema 0 → 1 (the publishing fields) for the documents the server stores, with the very
 * step clients run on their local copies (shared/data/collections/posts.ts). The seq is kept: a
 * client holding the old copy migrates it to exactly this document, so its next push still
 * matches the master.
 */
export function publishingMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await rewriteDocuments(db, dialect, 'posts', migratePostV0toV1)
    },
  }
}
