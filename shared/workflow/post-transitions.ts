import { can, canSetApproval } from '../auth/permissions'
import type { PostComment, PostDoc } from '../data/collections/posts'
import { jsonEqual } from '../data/merge'
import {
  approvalSatisfied,
  approvalWaitReason,
  mayApprove,
  missingApprovers,
  NO_APPROVAL,
  type ApprovalPolicy,
} from '../publishing/approval-policy'
import { allow, refuse, type Actor, type Transition, type TransitionContext } from './transition'

/** Fields whose change is not an edit of what a reviewer approved. */
const NOT_CONTENT = new Set([
  'approval',
  'updatedAt',
  'publish',
  '_deleted',
  'comments',
  'release',
  'musicConsent',
  // Moving a post in the calendar is not an edit of what was approved.
  'scheduledAt',
  'scheduleZone',
])

/** Whether anything a reviewer approved (caption, video, schedule, settings, tags) differs. */
export function postContentChanged(before: PostDoc, after: PostDoc): boolean {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    if (NOT_CONTENT.has(key)) continue
    // The uploaded file's hash and ref arrive after approval: the video is the same one.
    if (key === 'video' && sameVideo(before.video, after.video)) continue
    if (!jsonEqual(before[key as keyof PostDoc], after[key as keyof PostDoc])) return true
  }
  return false
}

function sameVideo(a: PostDoc['video'], b: PostDoc['video']): boolean {
  if (a === null || b === null) return a === b
  const strip = (v: NonNullable<PostDoc['video']>) => ({ ...v, sha256: null, ref: null })
  if (!jsonEqual(strip(a), strip(b))) return false
  return a.sha256 === null || b.sha256 === null || a.sha256 === b.sha256
}

/** A post the server is sending to the platform right now: nothing about it may change. */
export function isPublishing(post: PostDoc): boolean {
  return post.publish.state === 'uploading' || post.publish.state === 'processing'
}

const UNDECIDED = { by: null, at: null } as const

/**
 * What a post's approval becomes after a local edit, so the UI writes what the server will keep:
 * editing an approved (or partly approved) post sends it back for approval with no approvals
 * counted; under "all listed approvers" it is approved only once every one of them approved.
 */
export function normalizePostEdit(
  before: PostDoc | undefined,
  after: PostDoc,
  policy: ApprovalPolicy = NO_APPROVAL,
): PostDoc {
  let doc = after
  const edited = before !== undefined && postContentChanged(before, doc)
  if (edited && before.approval.state === 'approved' && doc.approval.state === 'approved') {
    doc = { ...doc, approval: { ...doc.approval, state: 'pending', ...UNDECIDED, note: null } }
  }
  if (edited && doc.approval.approvals.length > 0) {
    doc = { ...doc, approval: { ...doc.approval, approvals: [] } }
  }
  // Sent back or returned to draft: approvals of the version under review no longer count.
  if (
    (doc.approval.state === 'rejected' || doc.approval.state === 'draft') &&
    doc.approval.approvals.length > 0
  ) {
    doc = { ...doc, approval: { ...doc.approval, approvals: [] } }
  }
  if (
    policy.mode === 'all' &&
    doc.approval.state === 'approved' &&
    missingApprovers(policy, doc.approval).length > 0
  ) {
    doc = { ...doc, approval: { ...doc.approval, state: 'pending', ...UNDECIDED, note: null } }
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

/** Comments are written under the author's own id and current name; only the author edits. */
function checkComments(actor: Actor, before: PostDoc | undefined, doc: PostDoc) {
  const old = new Map((before?.comments ?? []).map((c) => [c.id, c]))
  const comments: PostComment[] = []
  for (const comment of doc.comments) {
    const prior = old.get(comment.id)
    old.delete(comment.id)
    if (!prior) {
      if (comment.userId !== actor.userId)
        return refuse<PostComment[]>('a comment can only be written under your own name')
      comments.push({ ...comment, author: actor.displayName })
      continue
    }
    if (prior.userId !== comment.userId || prior.author !== comment.author)
      return refuse<PostComment[]>('the author of a comment cannot be changed')
    if (!jsonEqual(prior, comment) && prior.userId !== actor.userId)
      return refuse<PostComment[]>('only its author can edit a comment')
    comments.push(comment)
  }
  for (const removed of old.values()) {
    if (removed.userId !== actor.userId && !can(actor, 'approvePost'))
      return refuse<PostComment[]>('only its author or an owner or manager can delete a comment')
  }
  return allow(comments)
}

/** Each approver adds or withdraws only their own approval, and only on a submitted post. */
function checkApprovals(
  actor: Actor,
  before: PostDoc | undefined,
  doc: PostDoc,
  policy: ApprovalPolicy,
): string | null {
  const had = new Map((before?.approval.approvals ?? []).map((a) => [a.userId, a]))
  const has = new Map(doc.approval.approvals.map((a) => [a.userId, a]))
  if (has.size !== doc.approval.approvals.length) return 'an approver can approve a post only once'
  for (const [id, entry] of has) {
    const prior = had.get(id)
    if (prior && jsonEqual(prior, entry)) continue
    if (id !== actor.userId) return 'an approval is recorded under your own name only'
    if (doc.approval.state !== 'pending' && doc.approval.state !== 'approved')
      return 'submit the post for approval before approving it'
    if (!mayApprove(policy, actor))
      return can(actor, 'approvePost')
        ? 'you are not one of the approvers listed for this account'
        : `only an owner or manager can approve posts (your role: ${actor.role})`
  }
  for (const id of had.keys()) {
    if (!has.has(id) && id !== actor.userId && doc.approval.approvals.length > 0)
      return 'only an approver can withdraw their own approval'
  }
  return null
}

/**
 * The post workflow (DESIGN §5), per account's approval policy: moving a post to approved or
 * "changes requested" needs `approvePost` (and being a listed approver, when the account lists
 * them); a request for changes says what to change; a new post cannot start decided; decisions,
 * approvals, submissions, releases and comments are recorded under the acting member's own id;
 * an edit of an approved post returns it to `pending`; a post being published cannot change; a
 * published post is never released again; a locked caption (Spark Ads) does not change.
 */
export function checkPostTransition(
  actor: Actor,
  before: PostDoc | undefined,
  after: PostDoc,
  context: TransitionContext = {},
): Transition<PostDoc> {
  if (after._deleted) return allow(after)
  const live = before && !before._deleted ? before : undefined
  const policy = context.approvalPolicyOf?.(after.accountId) ?? NO_APPROVAL
  let doc = normalizePostEdit(live, after, policy)
  const from = live ? live.approval.state : undefined
  const to = doc.approval.state

  if (
    live &&
    isPublishing(live) &&
    (postContentChanged(live, doc) ||
      live.scheduledAt !== doc.scheduledAt ||
      !jsonEqual(live.release, doc.release))
  )
    return refuse('this post is being published right now: wait until it is done')
  if (live?.publish.state === 'published' && doc.release && !jsonEqual(live.release, doc.release))
    return refuse('this post is already published: it cannot go out a second time')

  if (!canSetApproval(actor, from, to)) {
    const verb = to === 'approved' ? 'approve' : 'request changes to'
    return refuse(
      from === undefined && !can(actor, 'approvePost')
        ? `a new post starts as a draft or is submitted for approval; only an owner or manager can ${verb} it`
        : `only an owner or manager can ${verb} posts (your role: ${actor.role})`,
    )
  }
  const decided = to === 'approved' || to === 'rejected'
  if (decided && to !== from) {
    if (doc.approval.by !== actor.userId)
      return refuse('an approval decision is recorded under your own name only')
    if (!mayApprove(policy, actor))
      return refuse('you are not one of the approvers listed for this account')
    if (to === 'rejected' && !doc.approval.note?.trim())
      return refuse('say what should change when you request changes')
  }
  if (
    decided &&
    to === from &&
    live &&
    (live.approval.by !== doc.approval.by || live.approval.at !== doc.approval.at)
  ) {
    return refuse('who decided on a post, and when, cannot be changed afterwards')
  }
  // A submission names whoever sent it; nobody submits in someone else's name.
  if (
    doc.approval.submittedBy !== null &&
    doc.approval.submittedBy !== (live?.approval.submittedBy ?? null) &&
    doc.approval.submittedBy !== actor.userId
  ) {
    return refuse('a post is submitted for approval under your own name only')
  }
  const approvals = checkApprovals(actor, live, doc, policy)
  if (approvals) return refuse(approvals)

  const comments = checkComments(actor, live, doc)
  if (!comments.ok) return refuse(comments.reason)
  doc = { ...doc, comments: comments.doc }

  const released = doc.release !== null && !jsonEqual(live?.release ?? null, doc.release)
  if (released && doc.release?.by !== actor.userId)
    return refuse('a post is scheduled or published under your own name only')
  // Members who cannot approve release only approved posts (agencies: someone signs off first).
  if (released && !can(actor, 'approvePost') && doc.approval.state !== 'approved')
    return refuse('submit this post for approval: it can be scheduled or published once approved')
  // An account with an approval policy: nobody (approvers included) releases a post before the
  // policy is met — under "all listed approvers", every one of them has approved.
  if (released && policy.mode !== 'none' && !approvalSatisfied(policy, doc.approval)) {
    const why = approvalWaitReason(policy, doc.approval, context.memberName)
    return refuse(`this account's posts are approved before they go out. ${why ?? ''}`.trim())
  }

  const lock = live ? context.captionLockOf?.(live.id) : null
  if (live && lock && live.caption !== doc.caption)
    return refuse(`the caption is locked: ${lock.reason}`)
  return allow(doc)
}
