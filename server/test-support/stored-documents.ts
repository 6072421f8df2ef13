import type { Database } from '../db/connect'

/** A document as a migration test plants it: its collection, body, seq and account. */
export type PlantedDocument = readonly [
  collection: string,
  doc: { id: string; workspaceId: string },
  seq: number,
  accountId: string | null,
]

/** Writes documents straight into the store as an older release left them (migration tests). */
export async function plantDocuments(
  database: Database,
  documents: readonly PlantedDocument[],
): Promise<void> {
  for (const [collection, doc, seq, accountId] of documents)
    await database.db
      .insertInto('documents')
      .values({
        workspace_id: doc.workspaceId,
        collection,
        id: doc.id,
        account_id: accountId,
        seq,
        data: JSON.stringify(doc),
        deleted: 0,
        updated_at: 1,
      })
      .execute()
}
