import type { Kysely, Migration } from 'kysely'
import { migrateDealToV2 } from '../../../shared/data/collections/deals-migration'
import type { Dialect } from '../connect'
import { rewriteDocuments } from './rewrite-documents'

/** Deals schema 1 → 2 (Spark codes keep the caption they lock) on the server's copies. */
export function sparkCaptionsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await rewriteDocuments(db, dialect, 'deals', migrateDealToV2)
    },
  }
}
