import { beforeAll, describe, expect, it } from 'vitest'
import { uuidv7 } from '../../shared/data/ids'
import type { DealDoc } from '../../shared/data/registry'
import { sampleDocs } from '../../shared/data/sample-docs'
import { testClient, type TestClient } from '../test-support/client'
import { followWorkspace } from '../test-support/workspace-follower'
import { testBackends, useHarness, type BackendStore } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

const PASSWORD = 'a long enough password'

/**
 * Two server processes on one PostgreSQL database, as a load-balanced deployment runs them. A
 * commit or membership change on one instance reaches streams open on the other only through
 * PostgreSQL's LISTEN/NOTIFY (server/sync/pg-notify.ts): the periodic re-check, the fallback,
 * is set to ten minutes here, so anything that arrives within seconds came by NOTIFY.
 */
const pgOnly = testBackends().includes('postgres')
if (!pgOnly) {
  process.stdout.write(
    'Two-instance test not run: it needs PostgreSQL (SQLite serves one process only).\n',
  )
}

interface Stream {
  deals: () => string[]
  error: Promise<{ code: string; message: string }>
  resynced: Promise<void>
  stop(): void
}

/** A member's deals as the app would see them through the stream (workspace-follower.ts). */
function streamDeals(api: TestClient, workspaceId: string): Stream {
  const follower = followWorkspace(api, workspaceId, ['deals'])
  return {
    deals: () => follower.versions('deals').map((d) => String(d['title'])),
    error: follower.error,
    resynced: follower.resynced,
    stop: follower.stop,
  }
}

async function eventually(check: () => void, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      check()
      return
    } catch (e) {
      if (Date.now() > deadline) throw e
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms),
    ),
  ])
}

describe.skipIf(!pgOnly)('two server instances on one PostgreSQL database', () => {
  const harness = useHarness('postgres')
  let a: ServerProcess
  let b: ServerProcess
  let ownerOnA: TestClient
  let ownerToken: string
  let store: BackendStore
  const env = { REELDESK_STREAM_RECHECK_MS: '600000' }
  const tokens = new WeakMap<TestClient, string>()
  const tokenOf = (api: TestClient) => tokens.get(api) ?? ''
  let workspaceId: string
  const accounts = { x: uuidv7(), y: uuidv7() }

  const deal = (accountId: string, title: string): DealDoc => ({
    ...sampleDocs().deals,
    id: uuidv7(),
    workspaceId,
    accountId,
    title,
    deliverables: [],
    updatedAt: Date.now(),
  })
  const pushDeal = (accountId: string, title: string) =>
    ownerOnA.sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: deal(accountId, title) }],
    })

  /** A new member (role `role`) signed in on instance B. */
  const memberOnB = async (name: string, role: 'editor' | 'creator', accountIds: string[] = []) => {
    const invite = await ownerOnA.workspaces.createInvite.mutate({ workspaceId, role, accountIds })
    const up = await testClient(b.url).auth.signUp.mutate({
      email: `${name}@example.com`,
      password: PASSWORD,
      displayName: name,
    })
    const api = testClient(b.url, up.token)
    tokens.set(api, up.token)
    await api.workspaces.acceptInvite.mutate({ code: invite.code })
    return { api, userId: up.user.id }
  }

  beforeAll(async () => {
    store = await harness.newStore()
    a = await harness.start(store, { env })
    b = await harness.start(store, { env })
    const up = await testClient(a.url).auth.signUp.mutate({
      email: 'owner@example.com',
      password: PASSWORD,
      displayName: 'Owner',
    })
    ownerToken = up.token
    ownerOnA = testClient(a.url, up.token)
    workspaceId = (await ownerOnA.workspaces.create.mutate({ name: 'Agency' })).workspaceId
    for (const id of Object.values(accounts)) {
      await ownerOnA.sync.push.mutate({
        collection: 'accounts',
        workspaceId,
        rows: [
          {
            newDocumentState: {
              ...sampleDocs().accounts,
              id,
              accountId: id,
              workspaceId,
              updatedAt: Date.now(),
            },
          },
        ],
      })
    }
  })

  it('a change pushed to instance A reaches a client streaming from instance B', async () => {
    const { api } = await memberOnB('streamer', 'editor')
    const stream = streamDeals(api, workspaceId)
    await within(stream.resynced, 10_000, 'the stream on B opening')
    await pushDeal(accounts.x, 'pushed to A')
    await eventually(() => expect(stream.deals()).toContain('pushed to A'))
    stream.stop()
  })

  it('a role change made on A narrows a stream open on B', async () => {
    const member = await memberOnB('narrowed', 'editor')
    const stream = streamDeals(member.api, workspaceId)
    await within(stream.resynced, 10_000, 'the stream on B opening')
    await pushDeal(accounts.y, 'y while editor')
    await eventually(() => expect(stream.deals()).toContain('y while editor'))
    // Now a creator of account X only: B learns it from A's notification, not from a re-check.
    await ownerOnA.workspaces.changeRole.mutate({
      workspaceId,
      userId: member.userId,
      role: 'creator',
      accountIds: [accounts.x],
    })
    // Give the access notification its moment, then write one deal on each account.
    await new Promise((r) => setTimeout(r, 500))
    await pushDeal(accounts.y, 'y after narrowing')
    await pushDeal(accounts.x, 'x after narrowing')
    await eventually(() => expect(stream.deals()).toContain('x after narrowing'))
    expect(stream.deals()).not.toContain('y after narrowing')
    stream.stop()
  })

  it('a member removed on A loses the stream open on B', async () => {
    const member = await memberOnB('removed', 'editor')
    const stream = streamDeals(member.api, workspaceId)
    await within(stream.resynced, 10_000, 'the stream on B opening')
    await ownerOnA.workspaces.removeMember.mutate({ workspaceId, userId: member.userId })
    const ended = await within(stream.error, 8_000, 'the stream on B ending')
    expect(ended.code).toBe('FORBIDDEN')
    stream.stop()
  })

  it('after A restarts, changes flow both ways again', async () => {
    expect(await a.stop()).toBe(0)
    a = await harness.start(store, { env, port: a.port })
    const onB = streamDeals((await memberOnB('listener-b', 'editor')).api, workspaceId)
    const { api: memberOnA } = await memberOnB('listener-a', 'editor')
    const onA = streamDeals(testClient(a.url, tokenOf(memberOnA)), workspaceId)
    await within(Promise.all([onA.resynced, onB.resynced]), 10_000, 'both streams opening')
    await pushDeal(accounts.x, 'from restarted A')
    await testClient(b.url, ownerToken).sync.push.mutate({
      collection: 'deals',
      workspaceId,
      rows: [{ newDocumentState: deal(accounts.x, 'from B') }],
    })
    await eventually(() => {
      expect(onB.deals()).toContain('from restarted A')
      expect(onA.deals()).toContain('from B')
    })
    onA.stop()
    onB.stop()
  })
})
