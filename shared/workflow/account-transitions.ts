import { can } from '../auth/permissions'
import type { AccountDoc } from '../data/collections/accounts'
import { allow, isDeletion, refuse, type Actor, type Transition } from './transition'

/**
 * Adding, removing and restoring creator accounts needs `manageAccounts` (owners, managers). A
 * creator-role member may still edit their own account's profile: the permission matrix gives
 * them write access to it, not its lifecycle.
 */
export function checkAccountTransition(
  actor: Actor,
  before: AccountDoc | undefined,
  after: AccountDoc,
): Transition<AccountDoc> {
  if (can(actor, 'manageAccounts')) return allow(after)
  if (before === undefined) return refuse('only an owner or manager can add creator accounts')
  if (isDeletion(before, after))
    return refuse('only an owner or manager can remove creator accounts')
  if (before._deleted && !after._deleted)
    return refuse('only an owner or manager can restore creator accounts')
  return allow(after)
}
