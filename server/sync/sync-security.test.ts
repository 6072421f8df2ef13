import { beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../shared/data/ids'
import { sampleDocs } from '../../shared/data/sample-docs'
import { testClient, type TestClient } from '../test-support/client'
import { expireSession } from '../test-support/direct-db'
import { testBackends, useHarness, type BackendStore } from '../test-support/harness'
import { refusal } from '../test-support/refusal'
import type { ServerProcess } from '../test-support/server-process'

const PASSWORD = 'a long enough password'

type StreamLog = {
  events: unknown[]
  error: Promise<{ code: string; message: string }>
  stop(): void
  resynced: Promise<void>
}

function openStream(
  api: TestClient,
  input: { collection: 'accounts' | 'deals' | 'workspaces'; workspaceId: string },
): StreamLog {
  const events: unknown[] = []
  let onResync: () => void = () => undefined
  let onError: (e: { code: string; message: string }) => void = () => undefined
  const resynced = new Promise<void>((r) => (onResync = r))
  const error = new Promise<{ code: string; message: string }>((r) => (onError = r))
  const sub = api.sync.stream.subscribe(
    { workspaceId: input.workspaceId, collections: [input.collection] },
    {
      onData: (event) => {
        events.push(event)
        if (event === 'RESYNC') onResync()
      },
      onError: (e) => {
        const data = e.data as { code?: string } | undefined
        onError({ code: data?.code ?? 'UNKNOWN', message: e.message })
      },
    },
  )
  return { events, error, resynced, stop: () => sub.unsubscribe() }
}

async function eventually(check: () => void | Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (e) {
      if (Date.now() > deadline) throw e
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}

describe.each(testBackends())('sync authorization and validation on %s', (kind) => {
  const harness = useHarness(kind)
  let store: BackendStore
  let server: ServerProcess
  let owner: TestClient
  let ownerToken: string
  let workspaceId: string
  let accountA: string
  let accountB: string
  let n = 0

  const signUp = async (name: string) => {
    n += 1
    const up = await testClient(server.url).auth.signUp.mutate({
      email: `${name}-${n}-${kind}@example.com`,
      password: PASSWORD,
      displayName: name,
    })
    return { ...up, api: testClient(server.url, up.token) }
  }
  const account = (id: string) => ({
    ...sampleDocs().accounts,
    id,
    accountId: id,
    workspaceId,
    updatedAt: 1,
  })
  const deal = (accountId: string, extra: Record<string, unknown> = {}) => ({
    ...sampleDocs().deals,
    id: uuidv7(),
    workspaceId,
    accountId,
    deliverables: [],
    updatedAt: Date.now(),
    ...extra,
  })
  /** A member of the owner's workspace with `role` (creators get account A). */
  const member = async (role: 'manager' | 'editor' | 'analyst' | 'creator') => {
    const user = await signUp(role)
    const invite = await owner.workspaces.createInvite.mutate({
      workspaceId,
      role,
      accountIds: role === 'creator' ? [accountA] : [],
    })
    await user.api.workspaces.acceptInvite.mutate({ code: invite.code })
    return user
  }

  beforeAll(async () => {
    store = await harness.newStore()
    server = await harness.start(store)
    const up = await signUp('owner')
    owner = up.api
    ownerToken = up.token
    workspaceId = await owner.workspaces.create
      .mutate({ name: 'Agency' })
      .then((r) => r.workspaceId)
    accountA = uuidv7()
    accountB = uuidv7()
    await owner.sync.push.mutate({
      collection: 'accounts',
      workspaceId,
      rows: [{ newDocumentState: account(accountA) }, { newDocumentState: account(accountB) }],
    })
  })

  it('refuses a malformed document alone, naming the document and field, and writes the rest', async () => {
    const good = deal(accountA)
    const bad = deal(accountA, { amountMinor: 'lots' })
    const out = await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: good }, { newDocumentState: bad }],
    })
    expect(out.conflicts).toEqual([])
    expect(out.refused).toHaveLength(1)
    expect(out.refused[0]).toMatchObject({ id: bad.id, kind: 'invalid' })
    expect(out.refused[0]?.reason).toContain(`document ${bad.id}: amountMinor:`)
    const pulled = await owner.sync.pull.query({
      collection: 'deals',
      workspaceId,
      checkpoint: null,
      limit: 1000,
    })
    const ids = pulled.documents.map((d) => d['id'])
    expect(ids).toContain(good.id)
    expect(ids).not.toContain(bad.id)
  })

  it('refuses extra fields, oversized bodies and too many rows', async () => {
    const extra = deal(accountA, { sneaky: true })
    const out = await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: extra }],
    })
    expect(out.refused).toHaveLength(1)
    expect(out.refused[0]?.kind).toBe('invalid')
    expect(out.refused[0]?.reason).toContain('sneaky')

    const huge = deal(accountA, { notes: 'x'.repeat(6 * 1024 * 1024) })
    const big = await refusal(
      owner.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [{ newDocumentState: huge }],
      }),
    )
    expect(big.code).toBe('PAYLOAD_TOO_LARGE')

    const many = Array.from({ length: 1001 }, () => ({ newDocumentState: deal(accountA) }))
    const rows = await refusal(
      owner.sync.push.mutate({ collection: 'deals', workspaceId, rows: many }),
    )
    expect(rows.code).toBe('BAD_REQUEST')
    expect(rows.message).toContain('at most 1000')
  })

  it('refuses client changes to server-owned fields and server-created collections', async () => {
    const stored = (
      await owner.sync.pull.query({
        collection: 'accounts',
        workspaceId,
        checkpoint: null,
        limit: 10,
      })
    ).documents.find((d) => d['id'] === accountA)
    expect(stored).toBeDefined()
    const changed = { ...stored, followerCount: 1_000_000, updatedAt: Date.now() }
    const r = await owner.sync.push.mutate({
      collection: 'accounts',
      workspaceId,
      rows: [{ assumedMasterState: stored, newDocumentState: changed }],
    })
    expect(r.refused[0]?.kind).toBe('forbidden')
    expect(r.refused[0]?.reason).toContain('followerCount')

    // Another workspace's id as the push target: not a member there.
    const fakeWorkspace = { ...sampleDocs().workspaces, id: uuidv7() }
    fakeWorkspace.workspaceId = fakeWorkspace.id
    const w = await refusal(
      owner.sync.push.mutate({
        collection: 'workspaces',
        workspaceId: fakeWorkspace.id,
        rows: [{ newDocumentState: fakeWorkspace }],
      }),
    )
    expect(w.code).toBe('FORBIDDEN')
  })

  it('returns the stored master on a conflict and writes nothing for that row', async () => {
    const d = deal(accountA, { title: 'v1' })
    await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: d }],
    })
    const v2 = { ...d, title: 'v2', updatedAt: d.updatedAt + 1 }
    expect(
      await owner.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [{ assumedMasterState: d, newDocumentState: v2 }],
      }),
    ).toMatchObject({ conflicts: [], refused: [] })
    const stale = { ...d, title: 'stale edit', updatedAt: d.updatedAt + 2 }
    const out = await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ assumedMasterState: d, newDocumentState: stale }],
    })
    expect(out).toEqual({ conflicts: [v2], refused: [], seq: null })
  })

  it('keeps workspaces apart on pull, push and stream', async () => {
    const outsider = await signUp('outsider')
    expect(
      (
        await refusal(
          outsider.api.sync.pull.query({
            collection: 'deals',
            workspaceId,
            checkpoint: null,
            limit: 10,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect(
      (
        await refusal(
          outsider.api.sync.push.mutate({
            collection: 'deals',
            workspaceId,
            rows: [{ newDocumentState: deal(accountA) }],
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect((await openStream(outsider.api, { collection: 'deals', workspaceId }).error).code).toBe(
      'FORBIDDEN',
    )
    // A document claiming the owner's workspace pushed into the outsider's own workspace.
    const smuggled = await refusal(
      outsider.api.sync.push.mutate({
        collection: 'deals',
        workspaceId: outsider.personalWorkspaceId,
        rows: [{ newDocumentState: deal(accountA) }],
      }),
    )
    expect(smuggled.code).toBe('FORBIDDEN')
    expect(smuggled.message).toContain('workspaceId')
  })

  it('enforces roles: analyst reads only, editor cannot write accounts, creator sees and writes only its accounts', async () => {
    const analyst = await member('analyst')
    expect(
      (
        await analyst.api.sync.pull.query({
          collection: 'accounts',
          workspaceId,
          checkpoint: null,
          limit: 10,
        })
      ).documents,
    ).toHaveLength(2)
    const byAnalyst = deal(accountA)
    expect(
      (
        await analyst.api.sync.push.mutate({
          collection: 'deals',
          workspaceId,
          rows: [{ newDocumentState: byAnalyst }],
        })
      ).refused,
    ).toEqual([
      {
        id: byAnalyst.id,
        kind: 'forbidden',
        reason: `document ${byAnalyst.id}: your role (analyst) cannot change this deals document`,
      },
    ])

    const editor = await member('editor')
    expect(
      (
        await editor.api.sync.push.mutate({
          collection: 'accounts',
          workspaceId,
          rows: [{ newDocumentState: account(uuidv7()) }],
        })
      ).refused[0]?.kind,
    ).toBe('forbidden')
    expect(
      await editor.api.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [{ newDocumentState: deal(accountB) }],
      }),
    ).toMatchObject({ conflicts: [], refused: [] })

    const creator = await member('creator')
    const seen = await creator.api.sync.pull.query({
      collection: 'accounts',
      workspaceId,
      checkpoint: null,
      limit: 10,
    })
    expect(seen.documents.map((d) => d['id'])).toEqual([accountA])
    expect(
      await creator.api.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [{ newDocumentState: deal(accountA) }],
      }),
    ).toMatchObject({ conflicts: [], refused: [] })
    const other = await creator.api.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: deal(accountB) }],
    })
    expect(other.refused[0]?.kind).toBe('forbidden')
    // Taking over another account's document by rewriting its accountId is refused too.
    const theirs = deal(accountB)
    await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: theirs }],
    })
    const takeover = await creator.api.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ assumedMasterState: theirs, newDocumentState: { ...theirs, accountId: accountA } }],
    })
    // The same answer as for an id nobody uses: nothing about the stored document comes back.
    expect(takeover).toEqual({
      conflicts: [],
      seq: null,
      refused: [
        {
          id: theirs.id,
          kind: 'forbidden',
          reason: `document ${theirs.id}: your role (creator) cannot change this deals document`,
        },
      ],
    })

    // The creator's stream signals only commits that touch its own accounts' documents.
    const stream = openStream(creator.api, { collection: 'deals', workspaceId })
    await stream.resynced
    await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: deal(accountB, { title: 'not for the creator' }) }],
    })
    const mine = deal(accountA, { title: 'for the creator' })
    await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: mine }],
    })
    await eventually(() => expect(stream.events).toHaveLength(2))
    const signal = stream.events[1] as { collection: string; seq: number }
    expect(signal.collection).toBe('deals')
    const next = await creator.api.sync.pull.query({
      collection: 'deals',
      workspaceId,
      checkpoint: { seq: signal.seq - 1 },
      limit: 10,
    })
    expect(next.documents.map((d) => d['id'])).toEqual([mine.id])
    stream.stop()
  })

  it('revoked and expired sessions stop pull, push and the stream', async () => {
    const second = await testClient(server.url).auth.signIn.mutate({
      email: `owner-1-${kind}@example.com`,
      password: PASSWORD,
    })
    const api = testClient(server.url, second.token)
    const stream = openStream(api, { collection: 'deals', workspaceId })
    await stream.resynced
    const sessions = await owner.auth.sessions.query()
    const target = sessions.find((s) => !s.current && s.expiresAt === second.expiresAt)
    expect(target).toBeDefined()
    await owner.auth.revokeSession.mutate({ sessionId: target?.id ?? '' })
    expect((await stream.error).code).toBe('UNAUTHORIZED')
    expect(
      (
        await refusal(
          api.sync.pull.query({ collection: 'deals', workspaceId, checkpoint: null, limit: 10 }),
        )
      ).code,
    ).toBe('UNAUTHORIZED')
    expect(
      (
        await refusal(
          api.sync.push.mutate({
            collection: 'deals',
            workspaceId,
            rows: [{ newDocumentState: deal(accountA) }],
          }),
        )
      ).code,
    ).toBe('UNAUTHORIZED')

    const third = await testClient(server.url).auth.signIn.mutate({
      email: `owner-1-${kind}@example.com`,
      password: PASSWORD,
    })
    const api3 = testClient(server.url, third.token)
    const stream3 = openStream(api3, { collection: 'deals', workspaceId })
    await stream3.resynced
    await expireSession(store, third.token)
    // Expiry is noticed by the periodic re-check (500 ms in tests).
    expect((await stream3.error).code).toBe('UNAUTHORIZED')
    expect(
      (
        await refusal(
          api3.sync.pull.query({ collection: 'deals', workspaceId, checkpoint: null, limit: 10 }),
        )
      ).code,
    ).toBe('UNAUTHORIZED')
    expect(ownerToken).not.toBe(third.token)
  })
})
