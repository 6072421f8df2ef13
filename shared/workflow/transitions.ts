import type { CollectionName } from '../data/collection-contract'
import type { CollectionDocs } from '../data/registry'
import { checkAccountTransition } from './account-transitions'
import { checkLedgerTransition } from './ledger-transitions'
import { checkDealTransition } from './deal-transitions'
import { checkMessageTransition } from './message-transitions'
import { checkPostTransition } from './post-transitions'
import {
  allow,
  type Actor,
  type Transition,
  type TransitionCheck,
  type TransitionContext,
} from './transition'
import { checkWorkspaceTransition } from './workspace-transitions'

/**
 * The workflow rule of each collection, run by the server on every pushed document (after schema,
 * permission and server-owned checks) and by the client for its own edits. A collection without
 * one allows every change the permission matrix allows. Deals get their pipeline here.
 */
export const TRANSITION_CHECKS: { [K in CollectionName]?: TransitionCheck<CollectionDocs[K]> } = {
  workspaces: checkWorkspaceTransition,
  accounts: checkAccountTransition,
  posts: checkPostTransition,
  messages: checkMessageTransition,
  ledger: checkLedgerTransition,
  deals: checkDealTransition,
}

export function checkTransition<K extends CollectionName>(
  collection: K,
  actor: Actor,
  before: CollectionDocs[K] | undefined,
  after: CollectionDocs[K],
  context?: TransitionContext,
): Transition<CollectionDocs[K]> {
  const check = TRANSITION_CHECKS[collection] as TransitionCheck<CollectionDocs[K]> | undefined
  return check ? check(actor, before, after, context) : allow(after)
}

export type { Actor, Transition, TransitionCheck, TransitionContext }
