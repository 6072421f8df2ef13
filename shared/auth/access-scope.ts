import type { AccessScope } from './permissions'

/**
 * Set algebra on access scopes (what of a collection a member may read: everything, the
 * documents of some accounts, nothing). Replication compares the scope a client's checkpoint was
 * made under with the member's current one to find what became readable or unreadable.
 */

const ALL: AccessScope = { kind: 'all' }
const NONE: AccessScope = { kind: 'none' }

function accounts(ids: Iterable<string>): AccessScope {
  const sorted = [...new Set(ids)].sort()
  return sorted.length ? { kind: 'accounts', accountIds: sorted } : NONE
}

/** One spelling per scope: account ids sorted and unique, an empty account list is `none`. */
export function normalizeScope(scope: AccessScope): AccessScope {
  return scope.kind === 'accounts' ? accounts(scope.accountIds) : scope
}

export function scopeEquals(a: AccessScope, b: AccessScope): boolean {
  const x = normalizeScope(a)
  const y = normalizeScope(b)
  if (x.kind !== y.kind) return false
  if (x.kind !== 'accounts' || y.kind !== 'accounts') return true
  return (
    x.accountIds.length === y.accountIds.length &&
    x.accountIds.every((id, i) => id === y.accountIds[i])
  )
}

export function scopeUnion(a: AccessScope, b: AccessScope): AccessScope {
  if (a.kind === 'all' || b.kind === 'all') return ALL
  if (a.kind === 'none') return normalizeScope(b)
  if (b.kind === 'none') return normalizeScope(a)
  return accounts([...a.accountIds, ...b.accountIds])
}

export function scopeIntersection(a: AccessScope, b: AccessScope): AccessScope {
  if (a.kind === 'none' || b.kind === 'none') return NONE
  if (a.kind === 'all') return normalizeScope(b)
  if (b.kind === 'all') return normalizeScope(a)
  const inB = new Set(b.accountIds)
  return accounts(a.accountIds.filter((id) => inB.has(id)))
}

/** Whether a document with this `accountId` (null: none) is inside the scope. */
export function scopeContains(scope: AccessScope, accountId: string | null): boolean {
  if (scope.kind === 'all') return true
  if (scope.kind === 'none') return false
  return accountId !== null && scope.accountIds.includes(accountId)
}
