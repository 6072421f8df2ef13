import type { Kysely, Migration } from 'kysely'
import { migrateLedgerV0toV1 } from '../../../shared/data/collections/ledger'
import type { Dialect } from '../connect'
import { rewriteDocuments } from './rewrite-documents'

/**
 * Ledger schema 0 → 1 (`detail` added) for the documents the server stores, with the very step
 * clients run on their local copies (shared/data/collections/ledger.ts). The seq is kept: a
 * client holding the old copy migrates it to exactly this document, so its next push still
 * matches the master, and a client pulling later receives the new shape.
 */
export function earningsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await rewriteDocuments(db, dialect, 'ledger', migrateLedgerV0toV1)
    },
  }
}
