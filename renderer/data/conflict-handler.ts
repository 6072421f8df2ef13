import type { RxConflictHandler } from 'rxdb'
import type { BaseDoc, CollectionDefinition } from '../../shared/data/collection-contract'
import { jsonEqual } from '../../shared/data/merge'

/** RxDB bookkeeping that is not document content and must not decide equality or merges. */
const INTERNAL_KEYS = new Set(['_meta', '_rev', '_attachments'])

export function withoutInternals<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !INTERNAL_KEYS.has(key))) as T
}

/**
 * RxDB's default handler keeps the server's copy and drops the offline edit. This one runs the
 * collection's three-way merge with the common ancestor (assumedMasterState), so both sides'
 * changes survive (DESIGN §3).
 */
export function conflictHandlerFor<T extends BaseDoc>(
  definition: CollectionDefinition<T>,
): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => jsonEqual(withoutInternals(a), withoutInternals(b)),
    resolve: ({ assumedMasterState, realMasterState, newDocumentState }) => {
      const base = assumedMasterState ? withoutInternals(assumedMasterState) : undefined
      return Promise.resolve(
        definition.merge(
          base,
          withoutInternals(newDocumentState),
          withoutInternals(realMasterState),
        ),
      )
    },
  }
}
