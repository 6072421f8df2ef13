import { beforeAll, describe, expect, it } from 'vitest'
import { DRAFT_APPROVAL, type PostDoc } from '../../shared/data/collections/posts'
import type { WorkspaceDoc } from '../../shared/data/collections/workspaces'
import { createAgency, docOf, pushAll, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

/**
 * Per-account approval policies (workspace settings) enforced on the post push path through a
 * real server process: under "all listed approvers" a post goes out only once each of them has
 * approved — the owner included — and the refusal names who it waits for.
 */
describe.each(testBackends())('approval policy on the push path on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let agency: Agency
  let manager: TestUser
  let editor: TestUser

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    agency = await createAgency(server.url)
    manager = await agency.join('manager')
    editor = await agency.join('editor')
    const ws = (
      await agency.owner.api.sync.fetch.query({
        collection: 'workspaces',
        workspaceId: agency.workspaceId,
        ids: [agency.workspaceId],
      })
    ).documents[0] as unknown as WorkspaceDoc
    const next: WorkspaceDoc = {
      ...ws,
      updatedAt: ws.updatedAt + 1,
      settings: {
        ...ws.settings,
        approvals: [
          {
            accountId: agency.accountA,
            policy: { mode: 'all', approverIds: [manager.userId, agency.owner.userId] },
          },
        ],
      },
    }
    const out = await agency.owner.api.sync.push.mutate({
      collection: 'workspaces',
      workspaceId: agency.workspaceId,
      rows: [
        {
          assumedMasterState: ws as unknown as Record<string, unknown>,
          newDocumentState: next as unknown as Record<string, unknown>,
        },
      ],
    })
    expect(out.refused).toEqual([])
  })

  const fetchPost = async (id: string) =>
    (
      await agency.owner.api.sync.fetch.query({
        collection: 'posts',
        workspaceId: agency.workspaceId,
        ids: [id],
      })
    ).documents[0] as unknown as PostDoc
  const change = (user: TestUser, before: PostDoc, after: PostDoc) =>
    user.api.sync.push.mutate({
      collection: 'posts',
      workspaceId: agency.workspaceId,
      rows: [
        {
          assumedMasterState: before as unknown as Record<string, unknown>,
          newDocumentState: { ...after, updatedAt: before.updatedAt + 1 } as unknown as Record<
            string,
            unknown
          >,
        },
      ],
    })
  const approveAs = (user: TestUser, post: PostDoc): PostDoc => ({
    ...post,
    approval: {
      ...post.approval,
      state: 'approved',
      by: user.userId,
      at: Date.now(),
      approvals: [...post.approval.approvals, { userId: user.userId, at: Date.now() }],
    },
  })
  const release = (user: TestUser, post: PostDoc): PostDoc => ({
    ...post,
    release: { by: user.userId, at: Date.now() },
  })

  it('"all listed approvers": released only after each listed approver approved', async () => {
    const draft = docOf('posts', agency.workspaceId, {
      accountId: agency.accountA,
      productTags: [],
      projectId: null,
      caption: 'needs two approvals',
      approval: { ...DRAFT_APPROVAL, state: 'pending', submittedBy: editor.userId },
    })
    await pushAll(editor.api, agency.workspaceId, 'posts', [draft])
    let post = await fetchPost(draft.id)

    // The owner may approve, but not release it on their own say-so while the manager has not.
    const early = await change(agency.owner, post, release(agency.owner, post))
    expect(early.refused[0]?.reason).toContain(
      "this account's posts are approved before they go out. Waiting for approval by manager member, Owner.",
    )
    // The manager approves: still waiting for the owner (the server keeps it pending).
    expect((await change(manager, post, approveAs(manager, post))).refused).toEqual([])
    post = await fetchPost(draft.id)
    expect(post.approval.state).toBe('pending')
    expect(post.approval.approvals.map((a) => a.userId)).toEqual([manager.userId])
    const stillEarly = await change(manager, post, release(manager, post))
    expect(stillEarly.refused[0]?.reason).toContain('Waiting for approval by Owner.')
    // The owner approves: approved, and now it may go out.
    expect((await change(agency.owner, post, approveAs(agency.owner, post))).refused).toEqual([])
    post = await fetchPost(draft.id)
    expect(post.approval.state).toBe('approved')
    expect((await change(manager, post, release(manager, post))).refused).toEqual([])
    expect((await fetchPost(draft.id)).release?.by).toBe(manager.userId)
  })

  it('an editor cannot approve a listed account’s post; an account without a policy needs none', async () => {
    const draft = docOf('posts', agency.workspaceId, {
      accountId: agency.accountA,
      productTags: [],
      projectId: null,
      approval: { ...DRAFT_APPROVAL, state: 'pending', submittedBy: editor.userId },
    })
    await pushAll(editor.api, agency.workspaceId, 'posts', [draft])
    const post = await fetchPost(draft.id)
    const out = await change(editor, post, approveAs(editor, post))
    expect(out.refused[0]?.kind).toBe('forbidden')

    // Account B has no policy: the owner releases a draft directly.
    const free = docOf('posts', agency.workspaceId, {
      accountId: agency.accountB,
      productTags: [],
      projectId: null,
    })
    await pushAll(agency.owner.api, agency.workspaceId, 'posts', [free])
    const stored = await fetchPost(free.id)
    expect((await change(agency.owner, stored, release(agency.owner, stored))).refused).toEqual([])
  })
})
