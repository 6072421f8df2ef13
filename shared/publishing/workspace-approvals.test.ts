import { describe, expect, it } from 'vitest'
import { DRAFT_APPROVAL } from '../data/collections/posts'
import { sampleDocs } from '../data/sample-docs'
import { checkPostTransition } from '../workflow/post-transitions'
import { approvalContextOf, approvalPolicyFor } from './workspace-approvals'

const ws = sampleDocs().workspaces
const account = ws.settings.approvals[0]!.accountId
const owner = { role: 'owner' as const, accountIds: [], userId: 'user-owner', displayName: 'O' }

describe('approval policy from the workspace settings', () => {
  it('reads the account’s policy, with approvers who may still approve', () => {
    expect(approvalPolicyFor(ws, account)).toEqual({ mode: 'one', approverIds: ['user-owner'] })
    const gone = { ...ws, members: ws.members.filter((m) => m.userId !== 'user-owner') }
    expect(approvalPolicyFor(gone, account)).toEqual({ mode: 'one', approverIds: [] })
  })

  it('an account without a policy, or no workspace, needs no approval', () => {
    expect(approvalPolicyFor(ws, '01890a5d-ac96-774b-bcce-b302099a8000').mode).toBe('none')
    expect(approvalPolicyFor(null, account).mode).toBe('none')
  })

  it('the release rule names who the post waits for', () => {
    const post = {
      ...sampleDocs().posts,
      accountId: account,
      release: null,
      approval: { ...DRAFT_APPROVAL, state: 'pending' as const },
    }
    const verdict = checkPostTransition(
      owner,
      post,
      { ...post, release: { by: 'user-owner', at: 5 } },
      approvalContextOf(ws),
    )
    expect(verdict).toEqual({
      ok: false,
      reason:
        "this account's posts are approved before they go out. Waiting for approval by Olivia Owner.",
    })
  })

  it('settings that exist but cannot be read fail closed: an owner or manager must approve', () => {
    const post = {
      ...sampleDocs().posts,
      accountId: '01890a5d-ac96-774b-bcce-b302099a8000',
      release: null,
      approval: { ...DRAFT_APPROVAL, state: 'pending' as const },
    }
    const release = { ...post, release: { by: 'user-owner', at: 5 } }
    // Readable settings without a policy for this account: no approval needed.
    expect(checkPostTransition(owner, post, release, approvalContextOf(ws)).ok).toBe(true)
    const verdict = checkPostTransition(owner, post, release, approvalContextOf('unreadable'))
    expect(verdict.ok).toBe(false)
  })
})
