import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLLECTION_NAMES, type CollectionName } from '../../shared/data/collection-contract'
import { readings } from '../../shared/analytics/month-doc'
import { unpackAll } from '../../shared/analytics/metric-pack'
import type { AccountDoc, LedgerEntryDoc, MetricPackDoc } from '../../shared/data/registry'
import { systemClock } from '../jobs/clock'
import { followWorkspace } from '../test-support/workspace-follower'
import { testClient, type TestClient } from '../test-support/client'
import { testBackends, useHarness } from '../test-support/harness'
import { refusal } from '../test-support/refusal'
import type { ServerProcess } from '../test-support/server-process'
import { TikTokStandIn } from '../test-support/tiktok-stand-in'

const KEY = 'integration-client-key'
const SECRET = 'integration-client-secret-abcdefgh'
const PASSWORD = 'a long enough password'

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000) {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(value).slice(0, 500)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function pullAll(api: TestClient, workspaceId: string, collection: CollectionName) {
  const docs: Record<string, unknown>[] = []
  let checkpoint: { seq: number } | null = null
  for (;;) {
    const page = await api.sync.pull.query({ workspaceId, collection, checkpoint, limit: 1000 })
    docs.push(...page.documents)
    if (page.documents.length < 1000) return docs
    checkpoint = page.checkpoint
  }
}

describe.each(testBackends())('platform layer through a real server on %s', (kind) => {
  const harness = useHarness(kind)
  let standIn: TikTokStandIn
  let server: ServerProcess
  let owner: TestClient
  let workspaceId: string
  let n = 0
  /** Everything the server printed, from its start. */
  let serverLog = ''
  /** Every answer and error the clients saw. */
  const seen: string[] = []

  const signUp = async (name: string) => {
    n += 1
    const up = await testClient(server.url).auth.signUp.mutate({
      email: `${name}-${n}-${kind}@example.com`,
      password: PASSWORD,
      displayName: name,
    })
    return { ...up, api: testClient(server.url, up.token) }
  }
  const accountDoc = async (api: TestClient, accountId: string) =>
    (await pullAll(api, workspaceId, 'accounts')).find((d) => d['id'] === accountId) as
      AccountDoc | undefined

  beforeAll(async () => {
    standIn = new TikTokStandIn({ clock: systemClock, clientKey: KEY, clientSecret: SECRET })
    await standIn.start()
    const store = await harness.newStore()
    server = await harness.start(store, {
      env: {
        REELDESK_TIKTOK_CLIENT_KEY: KEY,
        REELDESK_TIKTOK_CLIENT_SECRET: SECRET,
        REELDESK_TIKTOK_API_URL: standIn.url,
        REELDESK_TIKTOK_AUTH_URL: standIn.url,
        REELDESK_JOB_POLL_MS: '100',
      },
    })
    serverLog = server.output()
    server.child.stdout?.on('data', (c: Buffer) => (serverLog += c.toString()))
    server.child.stderr?.on('data', (c: Buffer) => (serverLog += c.toString()))
    const up = await signUp('owner')
    owner = up.api
    workspaceId = up.personalWorkspaceId
  })

  afterAll(() => standIn.stop())

  it('links a sandbox creator and backfills its year into the workspace', async () => {
    const options = await owner.platform.options.query()
    expect(options).toEqual({
      tiktok: true,
      sandboxSizes: [
        { id: 'new', label: 'New creator' },
        { id: '9k', label: '9k followers' },
        { id: '12k', label: '12k followers' },
        { id: '250k', label: '250k followers' },
      ],
    })
    const { accountId } = await owner.platform.linkSandbox.mutate({
      workspaceId,
      size: '12k',
      seed: 99,
    })
    const account = await eventually(
      () => accountDoc(owner, accountId),
      (a) => a?.link.lastSyncedAt !== null && a?.link.state === 'linked',
    )
    expect(account?.followerCount).toBeGreaterThan(11_000)
    const metrics = unpackAll((await pullAll(owner, workspaceId, 'metrics')) as MetricPackDoc[])
    // A year of days in the account's month documents (packed one per account-month).
    const accountMonths = metrics.filter((m) => m.accountId === accountId && m.postId === null)
    expect(readings(accountMonths, 'views').length).toBeGreaterThan(360)
    const ledger = (await pullAll(owner, workspaceId, 'ledger')) as LedgerEntryDoc[]
    expect(ledger.some((e) => e.kind === 'gift' && e.accountId === accountId)).toBe(true)
    seen.push(JSON.stringify({ metrics, ledger }))
  })

  it('streams a newly linked account’s documents to a client as they are written', async () => {
    const follower = followWorkspace(owner, workspaceId, ['accounts', 'metrics', 'ledger'])
    try {
      await follower.resynced
      const { accountId } = await owner.platform.linkSandbox.mutate({ workspaceId, size: 'new' })
      const states = () =>
        (follower.versions('accounts') as AccountDoc[])
          .filter((d) => d.id === accountId)
          .map((d) => d.link?.state)
      // Pulled on each notification: the account arrives, and ends linked once its sync is done.
      await eventually(
        async () => states(),
        (s) => s.length > 0 && s[s.length - 1] === 'linked',
      )
      await eventually(
        async () => follower.versions('metrics') as MetricPackDoc[],
        (metrics) => metrics.some((m) => m.accountId === accountId),
      )
      seen.push(JSON.stringify(follower.received()))
    } finally {
      follower.stop()
    }
  })

  it('gives a creator-role member only their own accounts’ platform data', async () => {
    const accounts = (await pullAll(owner, workspaceId, 'accounts')) as AccountDoc[]
    const [mine, other] = accounts
    if (!mine || !other) throw new Error('two accounts expected')
    const creator = await signUp('creator')
    const invite = await owner.workspaces.createInvite.mutate({
      workspaceId,
      role: 'creator',
      accountIds: [mine.id],
    })
    await creator.api.workspaces.acceptInvite.mutate({ code: invite.code })
    for (const collection of ['accounts', 'metrics', 'ledger', 'posts', 'deals'] as const) {
      const docs = await pullAll(creator.api, workspaceId, collection)
      expect(
        docs.every((d) => d['accountId'] === mine.id),
        collection,
      ).toBe(true)
    }
    // Creators cannot link or unlink, but may ask their own account to sync.
    const r = await refusal(creator.api.platform.linkSandbox.mutate({ workspaceId, size: 'new' }))
    expect(r).toMatchObject({ code: 'FORBIDDEN' })
    seen.push(r.message)
    expect(
      await creator.api.platform.syncNow.mutate({ workspaceId, accountId: mine.id }),
    ).toHaveProperty('jobId')
    const notMine = await refusal(
      creator.api.platform.syncNow.mutate({ workspaceId, accountId: other.id }),
    )
    expect(notMine.code).toBe('FORBIDDEN')
  })

  it('links a TikTok account through the OAuth flow (web redirect, state and PKCE)', async () => {
    const redirectUri = `${server.url}/oauth-callback`
    const begun = await owner.platform.beginLink.mutate({
      workspaceId,
      platform: 'tiktok',
      accountId: null,
      client: 'web',
      redirectUri,
    })
    seen.push(JSON.stringify(begun))
    const response = await fetch(begun.authorizeUrl, { redirect: 'manual' })
    const back = new URL(response.headers.get('location') ?? '')
    expect(back.origin + back.pathname).toBe(redirectUri)
    const state = back.searchParams.get('state') ?? ''
    const code = back.searchParams.get('code') ?? ''
    // Another signed-in user cannot finish someone else's sign-in.
    const stranger = await signUp('stranger')
    const stolen = await refusal(stranger.api.platform.completeLink.mutate({ state, code }))
    expect(stolen).toMatchObject({ code: 'BAD_REQUEST' })
    const linked = await owner.platform.completeLink.mutate({ state, code })
    seen.push(JSON.stringify(linked))
    expect(linked.workspaceId).toBe(workspaceId)
    // The state is single-use.
    const again = await refusal(owner.platform.completeLink.mutate({ state, code }))
    expect(again.message).toContain('expired or was already used')
    const account = await eventually(
      () => accountDoc(owner, linked.accountId),
      (a) => a?.link.lastSyncedAt !== null,
    )
    expect(account).toMatchObject({
      handle: 'creator.one',
      platform: 'tiktok',
      platformAccountId: 'open-creator-1',
      followerCount: 12_345,
    })
    const posts = await pullAll(owner, workspaceId, 'posts')
    expect(posts.filter((p) => p['accountId'] === linked.accountId)).toHaveLength(45)
    // This server was not told its TikTok app passed the audit (REELDESK_TIKTOK_APP_AUDITED), so
    // the composer learns it may only post as "Only me" before anything is uploaded.
    const info = await owner.publishing.creatorInfo.query({
      workspaceId,
      accountId: linked.accountId,
      postId: null,
    })
    expect(info).toMatchObject({ linked: true, platform: 'tiktok', appAudited: false })
  })

  it('refuses bad linking input with a reason, never a 500', async () => {
    const cases = [
      () =>
        owner.platform.beginLink.mutate({
          workspaceId,
          platform: 'tiktok',
          accountId: null,
          client: 'desktop',
          redirectUri: 'https://evil.example/callback',
        }),
      () =>
        owner.platform.beginLink.mutate({
          workspaceId,
          platform: 'tiktok',
          accountId: null,
          client: 'web',
          redirectUri: 'not a url',
        }),
      () => owner.platform.completeLink.mutate({ state: 'x'.repeat(40), code: 'nope' }),
      // @ts-expect-error an unknown size is refused by the schema
      () => owner.platform.linkSandbox.mutate({ workspaceId, size: '1m' }),
    ]
    for (const call of cases) {
      const r = await refusal(call())
      expect(r.code).toBe('BAD_REQUEST')
      seen.push(r.message)
    }
  })

  it('moves a revoked TikTok link to "needs reconnect", and refuses to sync it until relinked', async () => {
    const accounts = (await pullAll(owner, workspaceId, 'accounts')) as AccountDoc[]
    const tiktok = accounts.find((a) => a.platform === 'tiktok')
    if (!tiktok) throw new Error('no tiktok account')
    standIn.revokeUser('open-creator-1')
    await owner.platform.syncNow.mutate({ workspaceId, accountId: tiktok.id })
    const account = await eventually(
      () => accountDoc(owner, tiktok.id),
      (a) => a?.link.state === 'needs_reconnect',
    )
    expect(account?.link.problem).toContain('invalid_grant')
    seen.push(JSON.stringify(account))
    const r = await refusal(owner.platform.syncNow.mutate({ workspaceId, accountId: tiktok.id }))
    expect(r).toMatchObject({ code: 'PRECONDITION_FAILED' })
    seen.push(r.message)
  })

  it('never lets a platform token reach a client, a stream, an error or a log line', async () => {
    const tokens = standIn.issuedTokens()
    expect(tokens.length).toBeGreaterThanOrEqual(2)
    const everything = [...seen]
    for (const collection of COLLECTION_NAMES)
      everything.push(JSON.stringify(await pullAll(owner, workspaceId, collection)))
    const haystacks = { clients: everything.join('\n'), log: serverLog }
    for (const [where, text] of Object.entries(haystacks)) {
      for (const token of [...tokens, SECRET])
        expect(text.includes(token), `${where} holds a secret`).toBe(false)
      // Nor the sandbox's own tokens (their shape is known).
      expect(/\bsbxr?\.[A-Za-z0-9_-]{20,}/.test(text), `${where} holds a sandbox token`).toBe(false)
    }
  })
})
