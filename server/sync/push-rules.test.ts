import { beforeAll, describe, expect, it } from 'vitest'
import type { MessageDoc, PostDoc } from '../../shared/data/registry'
import { DRAFT_APPROVAL } from '../../shared/data/collections/posts'
import { createAgency, docOf, pushAll, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

/**
 * Issue 8, faults 3, 4 and 8, through a real server process: no read through a conflict, the
 * approval workflow enforced on the push path, and authorship checked by the server.
 */
describe.each(testBackends())('push rules on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let agency: Agency
  let creator: TestUser
  let editor: TestUser
  let manager: TestUser

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    agency = await createAgency(server.url)
    creator = await agency.join('creator', [agency.accountA])
    editor = await agency.join('editor')
    manager = await agency.join('manager')
  })

  const push = (user: TestUser, collection: 'posts' | 'deals' | 'messages', rows: unknown[]) =>
    user.api.sync.push.mutate({
      collection,
      workspaceId: agency.workspaceId,
      rows: rows as { newDocumentState: Record<string, unknown> }[],
    })
  const fetchOne = async (id: string, collection: 'posts' | 'messages' = 'posts') =>
    (
      await agency.owner.api.sync.fetch.query({
        collection,
        workspaceId: agency.workspaceId,
        ids: [id],
      })
    ).documents[0]
  const post = (fields: Partial<PostDoc> = {}) =>
    docOf('posts', agency.workspaceId, {
      accountId: agency.accountA,
      productTags: [],
      projectId: null,
      ...fields,
    })

  it('a known id does not open a document the member may not read (no read through a conflict)', async () => {
    const secret = docOf('deals', agency.workspaceId, {
      accountId: agency.accountB,
      title: 'Confidential brand rate',
      notes: 'do not share',
      deliverables: [],
    })
    await pushAll(agency.owner.api, agency.workspaceId, 'deals', [secret])
    // Without assumedMasterState, into the creator's own account, then as account B.
    for (const accountId of [agency.accountA, agency.accountB]) {
      const probe = { ...secret, accountId, title: 'probe', notes: '' }
      const out = await push(creator, 'deals', [{ newDocumentState: probe }])
      expect(out.conflicts).toEqual([])
      expect(JSON.stringify(out)).not.toContain('Confidential')
      expect(out.refused).toEqual([
        {
          id: secret.id,
          kind: 'forbidden',
          reason: `document ${secret.id}: your role (creator) cannot change this deals document`,
        },
      ])
    }
    // The refusal reads the same as for an id nobody uses, written where the creator may not.
    const unused = docOf('deals', agency.workspaceId, {
      accountId: agency.accountB,
      deliverables: [],
    })
    const out = await push(creator, 'deals', [{ newDocumentState: unused }])
    expect(out.refused[0]?.reason).toBe(
      `document ${unused.id}: your role (creator) cannot change this deals document`,
    )
    // A member who may read it still gets the stored copy back as a conflict.
    const asEditor = await push(editor, 'deals', [
      { newDocumentState: { ...secret, title: 'edit without base' } },
    ])
    expect(asEditor.conflicts).toEqual([secret])
  })

  it('approvals: only approvers decide, under their own name; nobody starts a post approved', async () => {
    const approvedByCreator = post({
      approval: {
        ...DRAFT_APPROVAL,
        state: 'approved',
        by: creator.userId,
        at: Date.now(),
        note: null,
      },
    })
    const r1 = await push(creator, 'posts', [{ newDocumentState: approvedByCreator }])
    expect(r1.refused[0]?.reason).toContain('only an owner or manager can approve')
    const approvedByEditor = post({
      accountId: agency.accountB,
      approval: {
        ...DRAFT_APPROVAL,
        state: 'approved',
        by: editor.userId,
        at: Date.now(),
        note: null,
      },
    })
    const r2 = await push(editor, 'posts', [{ newDocumentState: approvedByEditor }])
    expect(r2.refused[0]?.reason).toContain('a new post starts as a draft')
    expect(await fetchOne(approvedByCreator.id)).toBeUndefined()
    expect(await fetchOne(approvedByEditor.id)).toBeUndefined()

    // Creator submits; the creator cannot approve their own submission.
    const draft = post({ caption: 'first cut' })
    await pushAll(creator.api, agency.workspaceId, 'posts', [draft])
    const pending = {
      ...draft,
      approval: { ...draft.approval, state: 'pending' as const },
      updatedAt: draft.updatedAt + 1,
    }
    expect(
      (await push(creator, 'posts', [{ assumedMasterState: draft, newDocumentState: pending }]))
        .refused,
    ).toEqual([])
    const selfApproved = {
      ...pending,
      approval: {
        ...DRAFT_APPROVAL,
        state: 'approved' as const,
        by: creator.userId,
        at: Date.now(),
        note: null,
      },
    }
    const r3 = await push(creator, 'posts', [
      { assumedMasterState: pending, newDocumentState: selfApproved },
    ])
    expect(r3.refused[0]?.reason).toContain('only an owner or manager can approve')

    // A manager approving in someone else's name is refused; in their own, written.
    const inAnotherName = {
      ...pending,
      approval: {
        ...DRAFT_APPROVAL,
        state: 'approved' as const,
        by: agency.owner.userId,
        at: Date.now(),
        note: null,
      },
    }
    const r4 = await push(manager, 'posts', [
      { assumedMasterState: pending, newDocumentState: inAnotherName },
    ])
    expect(r4.refused[0]?.reason).toContain('under your own name')
    const approved = {
      ...pending,
      approval: {
        ...DRAFT_APPROVAL,
        state: 'approved' as const,
        by: manager.userId,
        at: Date.now(),
        note: 'ok',
      },
    }
    expect(
      await push(manager, 'posts', [{ assumedMasterState: pending, newDocumentState: approved }]),
    ).toMatchObject({ conflicts: [], refused: [] })
    expect(await fetchOne(draft.id)).toMatchObject({
      approval: { state: 'approved' },
    })

    // The decision cannot be re-attributed afterwards, even by the owner.
    const reattributed = {
      ...approved,
      approval: { ...approved.approval, by: agency.owner.userId },
    }
    const r5 = await push(agency.owner, 'posts', [
      { assumedMasterState: approved, newDocumentState: reattributed },
    ])
    expect(r5.refused[0]?.reason).toContain('cannot be changed afterwards')

    // Editing an approved post sends it back to pending: nobody edits after approval.
    const edited = { ...approved, caption: 'changed after approval', updatedAt: Date.now() }
    expect(
      (await push(creator, 'posts', [{ assumedMasterState: approved, newDocumentState: edited }]))
        .refused,
    ).toEqual([])
    expect(await fetchOne(draft.id)).toMatchObject({
      caption: 'changed after approval',
      approval: { ...DRAFT_APPROVAL, state: 'pending', by: null, at: null },
    })
  })

  it('authorship: a message is written under the sender’s own id and current name', async () => {
    const deal = docOf('deals', agency.workspaceId, {
      accountId: agency.accountA,
      deliverables: [],
    })
    await pushAll(agency.owner.api, agency.workspaceId, 'deals', [deal])
    const message = (author: MessageDoc['author'], body = 'hello'): MessageDoc =>
      docOf('messages', agency.workspaceId, {
        accountId: agency.accountA,
        dealId: deal.id,
        author,
        body,
      })
    const forged = message({ kind: 'user', userId: manager.userId, name: manager.displayName })
    const r1 = await push(editor, 'messages', [{ newDocumentState: forged }])
    expect(r1.refused[0]?.reason).toContain('under your own name')

    const renamed = message({ kind: 'user', userId: editor.userId, name: 'The Boss' })
    expect((await push(editor, 'messages', [{ newDocumentState: renamed }])).refused).toEqual([])
    expect(await fetchOne(renamed.id, 'messages')).toMatchObject({
      author: { userId: editor.userId, name: editor.displayName },
    })

    // Nobody else edits it; its author cannot be swapped.
    const stored = (await fetchOne(renamed.id, 'messages')) as MessageDoc
    const r2 = await push(manager, 'messages', [
      { assumedMasterState: stored, newDocumentState: { ...stored, body: 'rewritten' } },
    ])
    expect(r2.refused[0]?.reason).toContain('only its author can edit')
    const r3 = await push(editor, 'messages', [
      {
        assumedMasterState: stored,
        newDocumentState: { ...stored, author: { ...stored.author, userId: manager.userId } },
      },
    ])
    expect(r3.refused[0]?.reason).toContain('author of a message cannot be changed')
    // Brand messages are the server's alone.
    const brand = message({ kind: 'brand', userId: null, name: 'Sunny Sips' })
    const r4 = await push(agency.owner, 'messages', [{ newDocumentState: brand }])
    expect(r4.refused[0]?.reason).toContain('server-owned')
  })
})
