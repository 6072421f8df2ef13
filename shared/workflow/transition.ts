import type { MemberLike } from '../auth/permissions'
import type { ApprovalPolicy } from '../publishing/approval-policy'

/** Who is making a change, as the workflow rules need them. */
export interface Actor extends MemberLike {
  userId: string
  /** Their current display name (recorded as the author of what they write). */
  displayName: string
}

/**
 * A rule's verdict on one document change: allowed (possibly normalised: the rule may set what
 * follows from the change, like an edited approved post going back to `pending`) or refused with
 * a reason a user can act on.
 */
export type Transition<T> = { ok: true; doc: T } | { ok: false; reason: string }

/**
 * Workspace facts a rule needs besides the two documents (the server loads them once per push:
 * server/sync/transition-context.ts; the client from its own copy). Every field is optional: a
 * rule without its fact applies its default.
 */
export interface TransitionContext {
  /** How posts of an account are approved (publishing settings; default: no approval step). */
  approvalPolicyOf?: (accountId: string) => ApprovalPolicy
  /** A member's display name, for reasons that name approvers ("waiting for Dana and Lee"). */
  memberName?: (userId: string) => string
  /** A post's caption is locked (an active Spark Ads code), or null. */
  captionLockOf?: (postId: string) => CaptionLock | null
}

export interface CaptionLock {
  /** What locks it, in words ("Spark Ads code issued 3 March"). */
  reason: string
}

/**
 * A collection's workflow rule: `before` is the stored document (undefined when it is created),
 * `after` the proposed one (already valid against the collection's schema and allowed by the
 * permission matrix). The server runs it on every pushed document; the client runs the same rule
 * to normalise its own edits and to disable what would be refused.
 */
export type TransitionCheck<T> = (
  actor: Actor,
  before: T | undefined,
  after: T,
  context?: TransitionContext,
) => Transition<T>

export const allow = <T>(doc: T): Transition<T> => ({ ok: true, doc })
export const refuse = <T>(reason: string): Transition<T> => ({ ok: false, reason })

/** True when the document is being deleted by this change (a tombstone over a live document). */
export function isDeletion(
  before: { _deleted: boolean } | undefined,
  after: { _deleted: boolean },
) {
  return after._deleted && before !== undefined && !before._deleted
}
