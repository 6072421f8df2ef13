import type { WorkspaceDoc } from '../data/collections/workspaces'
import { allow, refuse, type Actor, type Transition } from './transition'

/**
 * A workspace is deleted (or restored) only through its settings, where the owner confirms by
 * typing its name and the server purges it everywhere; a pushed tombstone would skip both.
 */
export function checkWorkspaceTransition(
  _actor: Actor,
  before: WorkspaceDoc | undefined,
  after: WorkspaceDoc,
): Transition<WorkspaceDoc> {
  if (before !== undefined && before._deleted !== after._deleted) {
    return refuse('a workspace is deleted from its settings by its owner, not by an edit')
  }
  return allow(after)
}
