import { can } from '../auth/permissions'
import type { MessageDoc } from '../data/collections/messages'
import { jsonEqual } from '../data/merge'
import { allow, isDeletion, refuse, type Actor, type Transition } from './transition'

/**
 * Authorship of deal messages: a member writes under their own id (the server records their
 * current display name as the author's name), nobody re-attributes a message, only its author
 * edits it, and its author or an owner/manager deletes it.
 */
export function checkMessageTransition(
  actor: Actor,
  before: MessageDoc | undefined,
  after: MessageDoc,
): Transition<MessageDoc> {
  if (before === undefined) {
    if (after.author.userId !== actor.userId)
      return refuse('a message can only be sent under your own name')
    return allow({ ...after, author: { ...after.author, name: actor.displayName } })
  }
  if (!jsonEqual(before.author, after.author))
    return refuse('the author of a message cannot be changed')
  const mine = before.author.userId === actor.userId
  if (isDeletion(before, after)) {
    return mine || can(actor, 'removeMember')
      ? allow(after)
      : refuse('only its author or an owner or manager can delete a message')
  }
  if (!mine && (before.body !== after.body || before.sentAt !== after.sentAt))
    return refuse('only its author can edit a message')
  return allow(after)
}
