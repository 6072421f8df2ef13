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

  it('refuses a push with one malformed document whole, naming the document and field', async () => {
    const good = deal(accountA)
    const bad = deal(accountA, { amountMinor: 'lots' })
    const r = await refusal(
      owner.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [{ newDocumentState: good }, { newDocumentState: bad }],
      }),
    )
    expect(r.code).toBe('BAD_REQUEST')
    expect(r.message).toContain(`document ${bad.id}: amountMinor:`)
    const pulled = await owner.sync.pull.query({
      collection: 'deals',
      workspaceId,
      checkpoint: null,
      limit: 1000,
    })
    expect(pulled.documents.map((d) => d['id'])).not.toContain(good.id)
  })

  it('refuses extra fields, oversized bodies and too many rows', async () => {
    const extra = deal(accountA, { sneaky: true })
    const r = await refusal(
      owner.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [{ newDocumentState: extra }],
      }),
    )
    expect(r.code).toBe('BAD_REQUEST')
    expect(r.message).toContain('sneaky')

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
    const r = await refusal(
      owner.sync.push.mutate({
        collection: 'accounts',
        workspaceId,
        rows: [{ assumedMasterState: stored, newDocumentState: changed }],
      }),
    )
    expect(r.code).toBe('FORBIDDEN')
    expect(r.message).toContain('followerCount')

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
    ).toEqual([])
    const stale = { ...d, title: 'stale edit', updatedAt: d.updatedAt + 2 }
    const conflicts = await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ assumedMasterState: d, newDocumentState: stale }],
    })
    expect(conflicts).toEqual([v2])
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
    expect(
      (
        await refusal(
          analyst.api.sync.push.mutate({
            collection: 'deals',
            workspaceId,
            rows: [{ newDocumentState: deal(accountA) }],
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')

    const editor = await member('editor')
    expect(
      (
        await refusal(
          editor.api.sync.push.mutate({
            collection: 'accounts',
            workspaceId,
            rows: [{ newDocumentState: account(uuidv7()) }],
          }),
        )
      ).code,
    ).toBe('FORBIDDEN')
    expect(
      await editor.api.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [{ newDocumentState: deal(accountB) }],
      }),
    ).toEqual([])

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
    ).toEqual([])
    const other = await refusal(
      creator.api.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [{ newDocumentState: deal(accountB) }],
      }),
    )
    expect(other.code).toBe('FORBIDDEN')
    // Taking over another account's document by rewriting its accountId is refused too.
    const theirs = deal(accountB)
    await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: theirs }],
    })
    const takeover = await refusal(
      creator.api.sync.push.mutate({
        collection: 'deals',
        workspaceId,
        rows: [
          { assumedMasterState: theirs, newDocumentState: { ...theirs, accountId: accountA } },
        ],
      }),
    )
    expect(takeover.code).toBe('FORBIDDEN')

    // The creator's stream carries its own account's documents only.
    const stream = openStream(creator.api, { collection: 'deals', workspaceId })
    await stream.resynced
    const mine = deal(accountA, { title: 'for the creator' })
    const notMine = deal(accountB, { title: 'not for the creator' })
    await owner.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: notMine }, { newDocumentState: mine }],
    })
    await eventually(() => expect(JSON.stringify(stream.events)).toContain(mine.id))
    expect(JSON.stringify(stream.events)).not.toContain(notMine.id)
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
