import type { BaseDoc, CollectionDefinition } from './collection-contract'
import { jsonEqual } from './merge'

/**
 * What a client push may not do to server-authoritative data (DESIGN §3). The server calls this
 * per pushed document with the master it currently stores (`stored`, undefined for a new
 * document) and refuses the push when the list is not empty. Each entry names the field or rule.
 */
export function serverOwnedViolations<T extends BaseDoc>(
  definition: CollectionDefinition<T>,
  stored: T | undefined,
  pushed: T,
): string[] {
  const violations: string[] = []
  const ownedDoc = definition.isServerOwnedDocument
  if (ownedDoc && (ownedDoc(pushed) || (stored !== undefined && ownedDoc(stored)))) {
    return ['document is server-owned']
  }
  if (stored === undefined) {
    if (definition.clientCreatable === false) return ['collection is not client-creatable']
    const defaults = definition.serverOwnedDefaults ?? {}
    for (const field of definition.serverOwnedFields) {
      if (field in defaults && !jsonEqual(fieldOf(pushed, field), defaults[field]))
        violations.push(field)
    }
    return violations
  }
  for (const field of ['id', 'workspaceId', ...definition.serverOwnedFields]) {
    if (!jsonEqual(fieldOf(pushed, field), fieldOf(stored, field))) violations.push(field)
  }
  return violations
}

function fieldOf(doc: object, field: string): unknown {
  return Object.entries(doc).find(([key]) => key === field)?.[1]
}
