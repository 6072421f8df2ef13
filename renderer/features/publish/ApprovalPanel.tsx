import { Check, MessageSquare, Undo2 } from 'lucide-react'
import { useState } from 'react'
import { Button } from 'react-aria-components'
import { uuidv7 } from '../../../shared/data/ids'
import { can, type MemberLike } from '../../../shared/auth/permissions'
import type { PostComment, PostDoc } from '../../../shared/data/collections/posts'
import {
  APPROVAL_MODE_LABELS,
  approvalWaitReason,
  mayApprove as policyAllows,
} from '../../../shared/publishing/approval-policy'
import { approvalPolicyFor } from '../../../shared/publishing/workspace-approvals'
import { useWorkspaceMember } from '../../app/use-workspace-member'

const KIND_TEXT: Record<PostComment['kind'], string> = {
  comment: 'commented',
  submitted: 'submitted it for approval',
  approved: 'approved it',
  changes_requested: 'requested changes',
}

/**
 * The approval thread of a post: who submitted it, approved it or asked for changes (with what),
 * and plain comments. Owners and managers approve or request changes here, from the desktop or
 * the web mode alike; the server checks the same rules (shared/workflow/post-transitions.ts).
 */
export function ApprovalPanel(props: {
  post: PostDoc
  member: MemberLike | null
  userId: string
  displayName: string
  onChange(next: PostDoc): void
}) {
  const { post } = props
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  // The account's approval policy (workspace settings): who may approve, and what it waits for.
  const { workspace } = useWorkspaceMember()
  const policy = approvalPolicyFor(workspace, post.accountId)
  const nameOf = (id: string) =>
    workspace?.members.find((m) => m.userId === id)?.displayName ?? 'a former member'
  const waitReason =
    policy.mode === 'none' ? null : approvalWaitReason(policy, post.approval, nameOf)
  const mayApprove =
    props.member !== null &&
    can(props.member, 'approvePost') &&
    policyAllows(policy, { ...props.member, userId: props.userId })
  const mayWrite = props.member !== null && can(props.member, 'write', 'posts', post)
  const comment = (kind: PostComment['kind'], body: string): PostComment => ({
    id: uuidv7(),
    userId: props.userId,
    author: props.displayName,
    body,
    at: Date.now(),
    kind,
  })
  const decide = (state: 'approved' | 'rejected') => {
    const body = note.trim()
    if (state === 'rejected' && !body) {
      setProblem('Say what should change: the comment goes to whoever submitted it.')
      return
    }
    setProblem(null)
    const at = Date.now()
    props.onChange({
      ...post,
      approval: {
        ...post.approval,
        state,
        by: props.userId,
        at,
        note: body || null,
        // Under "all listed approvers" each approval adds to the others already given.
        approvals:
          state === 'approved'
            ? [
                ...post.approval.approvals.filter((a) => a.userId !== props.userId),
                { userId: props.userId, at },
              ]
            : [],
      },
      comments: [
        ...post.comments,
        comment(
          state === 'approved' ? 'approved' : 'changes_requested',
          body || (state === 'approved' ? 'Approved' : ''),
        ),
      ],
    })
    setNote('')
  }
  const addComment = () => {
    const body = note.trim()
    if (!body) return
    props.onChange({ ...post, comments: [...post.comments, comment('comment', body)] })
    setNote('')
  }
  return (
    <section className="approval" aria-label="Approval">
      <h3>
        <MessageSquare size={14} aria-hidden="true" /> Approval and comments
      </h3>
      {policy.mode !== 'none' ? (
        <p className="muted" data-testid="approval-policy">
          {APPROVAL_MODE_LABELS[policy.mode]} for this account
          {policy.approverIds.length ? ` (${policy.approverIds.map(nameOf).join(', ')})` : ''}.{' '}
          {waitReason ?? 'Approved: it can go out.'}
        </p>
      ) : null}
      {post.comments.length === 0 ? (
        <p className="muted">
          No comments yet. Submit the post for approval when it is ready; reviewers approve it or
          ask for changes here.
        </p>
      ) : (
        <ol className="approval__thread">
          {post.comments.map((c) => (
            <li key={c.id} className={`approval__item approval__item--${c.kind}`}>
              <strong>{c.author || 'Someone'}</strong> {KIND_TEXT[c.kind]}
              <span className="muted"> · {new Date(c.at).toLocaleString()}</span>
              {c.kind === 'comment' || c.kind === 'changes_requested' ? <p>{c.body}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {mayWrite || mayApprove ? (
        <>
          <label className="field">
            <span>Comment</span>
            <textarea
              rows={2}
              value={note}
              aria-label="Comment"
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          {problem ? (
            <p className="form-error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="composer__actions">
            <Button className="button" onPress={addComment} isDisabled={!note.trim()}>
              Comment
            </Button>
            {mayApprove && post.approval.state === 'pending' ? (
              <>
                <Button className="button button--primary" onPress={() => decide('approved')}>
                  <Check size={14} aria-hidden="true" /> Approve
                </Button>
                <Button className="button" onPress={() => decide('rejected')}>
                  <Undo2 size={14} aria-hidden="true" /> Request changes
                </Button>
              </>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  )
}
