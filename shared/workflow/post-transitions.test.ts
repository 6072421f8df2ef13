import { describe, expect, it } from 'vitest'
import type { Role } from '../auth/roles'
import type { PostDoc } from '../data/collections/posts'
import { sampleDocs } from '../data/sample-docs'
import type { ApprovalPolicy } from '../publishing/approval-policy'
import { checkPostTransition } from './post-transitions'
import type { Actor } from './transition'

const actor = (role: Role, userId = `${role}-user-0001`): Actor => ({
  role,
  userId,
  displayName: `The ${role}`,
  accountIds: [],
})
const owner = actor('owner')
const manager = actor('manager')
const editor = actor('editor')

const base = (): PostDoc => ({ ...sampleDocs().posts, caption: 'draft caption' })
const pending = (): PostDoc => ({
  ...base(),
  approval: { ...base().approval, state: 'pending', submittedBy: editor.userId, submittedAt: 1 },
})
const approved = (): PostDoc => ({
  ...pending(),
  approval: {
    ...pending().approval,
    state: 'approved',
    by: manager.userId,
    at: 2,
    approvals: [{ userId: manager.userId, at: 2 }],
  },
})

type Case = [string, Actor, () => PostDoc | undefined, (b: PostDoc) => PostDoc, string | null]

const cases: Case[] = [
  [
    'an editor cannot release a draft',
    editor,
    base,
    (b) => ({ ...b, release: { by: editor.userId, at: 5 } }),
    'submit this post for approval',
  ],
  [
    'an editor releases an approved post',
    editor,
    approved,
    (b) => ({ ...b, release: { by: editor.userId, at: 5 } }),
    null,
  ],
  [
    'an owner releases a draft directly',
    owner,
    base,
    (b) => ({ ...b, release: { by: owner.userId, at: 5 } }),
    null,
  ],
  [
    'a release in someone else’s name',
    owner,
    base,
    (b) => ({ ...b, release: { by: editor.userId, at: 5 } }),
    'under your own name only',
  ],
  [
    'a request for changes without a comment',
    manager,
    pending,
    (b) => ({ ...b, approval: { ...b.approval, state: 'rejected', by: manager.userId, at: 3 } }),
    'say what should change',
  ],
  [
    'a request for changes with a comment',
    manager,
    pending,
    (b) => ({
      ...b,
      approval: { ...b.approval, state: 'rejected', by: manager.userId, at: 3, note: 'shorter' },
    }),
    null,
  ],
  [
    'an editor approving',
    editor,
    pending,
    (b) => ({ ...b, approval: { ...b.approval, state: 'approved', by: editor.userId, at: 3 } }),
    'only an owner or manager',
  ],
  [
    'an edit while the platform processes it',
    owner,
    () => ({ ...approved(), publish: { ...approved().publish, state: 'processing' } }),
    (b) => ({ ...b, caption: 'changed' }),
    'being published right now',
  ],
  [
    'a published post released again',
    owner,
    () => ({
      ...approved(),
      release: { by: owner.userId, at: 5 },
      publish: { ...approved().publish, state: 'published' },
    }),
    (b) => ({ ...b, release: { by: owner.userId, at: 9 } }),
    'already published',
  ],
  [
    'a comment under someone else’s id',
    editor,
    base,
    (b) => ({
      ...b,
      comments: [
        { id: b.id, userId: owner.userId, author: 'x', body: 'hi', at: 1, kind: 'comment' },
      ],
    }),
    'under your own name',
  ],
  [
    'a submission in someone else’s name',
    editor,
    base,
    (b) => ({
      ...b,
      approval: { ...b.approval, state: 'pending', submittedBy: owner.userId, submittedAt: 4 },
    }),
    'submitted for approval under your own name only',
  ],
]

describe('post workflow rules', () => {
  it.each(cases)('%s', (_name, who, before, change, refusal) => {
    const b = before()
    const out = checkPostTransition(who, b, change(b ?? base()))
    if (refusal === null) expect(out).toMatchObject({ ok: true })
    else expect(out.ok ? 'allowed' : out.reason).toContain(refusal)
  })

  it('an edit of an approved caption sends it back to pending with no approvals counted', () => {
    const b = approved()
    const out = checkPostTransition(editor, b, { ...b, caption: 'new words' })
    expect(out.ok && out.doc.approval).toMatchObject({ state: 'pending', by: null, approvals: [] })
  })

  it('moving an approved post in the calendar keeps it approved', () => {
    const b = approved()
    const out = checkPostTransition(editor, b, { ...b, scheduledAt: 99_000, scheduleZone: 'UTC' })
    expect(out.ok && out.doc.approval.state).toBe('approved')
  })

  it('a comment is stored under its author’s current name', () => {
    const b = base()
    const out = checkPostTransition(editor, b, {
      ...b,
      comments: [
        { id: b.id, userId: editor.userId, author: 'forged', body: 'hi', at: 1, kind: 'comment' },
      ],
    })
    expect(out.ok && out.doc.comments[0]?.author).toBe('The editor')
  })

  it('"all listed approvers": approved only once every listed approver approved', () => {
    const policy: ApprovalPolicy = { mode: 'all', approverIds: [owner.userId, manager.userId] }
    const b = pending()
    const first = checkPostTransition(
      manager,
      b,
      {
        ...b,
        approval: {
          ...b.approval,
          state: 'approved',
          by: manager.userId,
          at: 3,
          approvals: [{ userId: manager.userId, at: 3 }],
        },
      },
      { approvalPolicyOf: () => policy },
    )
    expect(first.ok && first.doc.approval.state).toBe('pending')
    expect(first.ok && first.doc.approval.approvals).toHaveLength(1)
  })
})
