import { jsonEqual } from './merge'

/** RxDB's bookkeeping and the tombstone flag: not what a screen edits. */
const NOT_CONTENT = new Set(['_meta', '_rev', '_attachments', '_deleted'])

function content(doc: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !NOT_CONTENT.has(key)))
}

/** Whether the stored document is still the one a screen drew (bookkeeping aside). */
export function unchangedSince(base: object, current: object): boolean {
  return jsonEqual(content(base), content(current))
}

/**
 * A screen builds an edit from the document as it drew it (`base`). When the stored document
 * has changed since — a sync, another tab, the previous click not drawn yet — writing the edit
 * whole would silently undo those changes. Instead the edit's own changes are merged onto the
 * stored document with the collection's three-way merge (the one replication uses for
 * conflicts); the caller then checks the result against the rules before writing it.
 */
export function rebaseEdit<T extends object>(
  base: T,
  edited: T,
  current: T,
  merge: (base: T | undefined, local: T, remote: T) => T,
): T {
  if (unchangedSince(base, current)) return edited
  return merge(base, edited, current)
}
