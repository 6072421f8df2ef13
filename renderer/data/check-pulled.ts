import type { CollectionName } from '../../shared/data/collection-contract'
import { collections } from '../../shared/data/registry'
import type { WireDocument } from '../../shared/sync/protocol'
import { describeIssues } from '../../shared/data/describe-issues'

/** The server sent a document this version's schema does not accept: an app/server mismatch. */
export class UnreadableDocumentError extends Error {
  constructor(collection: CollectionName, detail: string) {
    super(
      `this version of Reeldesk cannot read ${collection} data from the server (${detail}): update it to keep syncing`,
    )
    this.name = 'UnreadableDocumentError'
  }
}

/**
 * Checks pulled documents against the collection's schema before RxDB stores them: the storage
 * wrapper skips replication writes (zod-validate-storage.ts), so this is where a server of another
 * version is caught — before a document the app cannot read reaches the screens. The batch is
 * refused whole, so its checkpoint does not move past it.
 */
export function checkPulled(collection: CollectionName, documents: readonly WireDocument[]): void {
  const schema = collections[collection].schema
  for (const doc of documents) {
    const result = schema.safeParse(doc)
    if (!result.success) {
      const id = typeof doc['id'] === 'string' ? doc['id'].slice(0, 64) : '(missing id)'
      throw new UnreadableDocumentError(collection, describeIssues(id, result.error.issues))
    }
  }
}
