import type { Kysely, Migration } from 'kysely'
import { migrateMediaToV1 } from '../../../shared/data/collections/media'
import type { Dialect } from '../connect'
import { rewriteDocuments } from './rewrite-documents'

/** Media schema 0 → 1 (`musicLicence`, 'unknown' until someone states it) on the server's copies. */
export function mediaLicenceMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await rewriteDocuments(db, dialect, 'media', migrateMediaToV1)
    },
  }
}
