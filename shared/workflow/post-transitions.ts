import { can, canSetApproval } from '../auth/permissions'
import type { PostDoc } from '../data/collections/posts'
import { jsonEqual } from '../data/merge'
import { allow, refuse, type Actor, type Transition } from './transition'

/** Fields whose change is not an edit of the post's content. */
const NOT_CONTENT = new Set(['approval', 'updatedAt', 'publish', '_deleted'])

/** Whether anything a reviewer approved (caption, video, schedule, settings, tags) differs. */
export function postContentChanged(before: PostDoc, after: PostDoc): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    if (NOT_CONTENT.has(key)) continue
    if (!jsonEqual(before[key as keyof PostDoc], after[key as keyof PostDoc])) return true
  }
  return false
}

const UNDECIDED = { by: null, at: null } as const

/**
 * What a post's approval becomes after a local edit, so the UI writes what the server will keep:
 * editing an approved post sends it back for approval (nobody edits after approval).
 */
export function normalizePostEdit(before: PostDoc | undefined, after: PostDoc): PostDoc {
  let doc = after
  if (
    before?.approval.state === 'approved' &&
    doc.approval.state === 'approved' &&
    postContentChanged(before, doc)
  ) {
    doc = { ...doc, approval: { ...doc.approval, state: 'pending', ...UNDECIDED } }
  }
  // Who decided and when belongs to a decision; a draft or a pending post has neither.
  if (
    (doc.approval.state === 'draft' || doc.approval.state === 'pending') &&
    (doc.approval.by !== null || doc.approval.at !== null)
  ) {
    doc = { ...doc, approval: { ...doc.approval, ...UNDECIDED } }
  }
  return doc
}

/**
 * Approval workflow (DESIGN §5): moving a post to approved or rejected needs `approvePost`, a new
 * post cannot start decided, the decision is recorded under the deciding member's own id, a
 * recorded decision cannot be re-attributed, and an edit of an approved post returns it to
 * `pending`.
 */
export function checkPostTransition(
  actor: Actor,
  before: PostDoc | undefined,
  after: PostDoc,
): Transition<PostDoc> {
  if (after._deleted) return allow(after)
  const doc = normalizePostEdit(before, after)
  const from = before && !before._deleted ? before.approval.state : undefined
  const to = doc.approval.state
  if (!canSetApproval(actor, from, to)) {
    const verb = to === 'approved' ? 'approve' : 'reject'
    return refuse(
      from === undefined && !can(actor, 'approvePost')
        ? `a new post starts as a draft or is submitted for approval; only an owner or manager can ${verb} it`
        : `only an owner or manager can ${verb} posts (your role: ${actor.role})`,
    )
  }
  const decided = to === 'approved' || to === 'rejected'
  if (decided && to !== from && doc.approval.by !== actor.userId) {
    return refuse('an approval decision is recorded under your own name only')
  }
  if (
    decided &&
    to === from &&
    before &&
    (before.approval.by !== doc.approval.by || before.approval.at !== doc.approval.at)
  ) {
    return refuse('who decided on a post, and when, cannot be changed afterwards')
  }
  return allow(doc)
}
