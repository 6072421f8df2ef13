import type { Kysely, Migration } from 'kysely'
import { migrateDealToV1 } from '../../../shared/data/collections/deals-migration'
import { migrateMessageToV1 } from '../../../shared/data/collections/messages'
import { migrateProductToV1 } from '../../../shared/data/collections/products'
import type { Dialect } from '../connect'
import { rewriteDocuments, type DocumentStep } from './rewrite-documents'

/**
 * Deals, messages and products schema 0 → 1 for the documents the server stores, with the very
 * steps clients run on their local copies. The seq is kept: a client holding the old copy
 * migrates it to exactly this document, so its next push still matches the master. Each step
 * returns a version-1 document unchanged, so running this again changes nothing.
 */
export function dealsShopMigration(dialect: Dialect): Migration {
  const steps: [string, DocumentStep][] = [
    ['deals', migrateDealToV1],
    ['messages', migrateMessageToV1],
    ['products', migrateProductToV1],
  ]
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const [collection, step] of steps) await rewriteDocuments(db, dialect, collection, step)
    },
  }
}
