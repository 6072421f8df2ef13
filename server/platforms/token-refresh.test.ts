import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AccountDoc } from '../../shared/data/registry'
import { REFRESH_AHEAD_MS } from '../../shared/platform/tiktok-facts'
import { ManualClock } from '../jobs/clock'
import { ChangeBus } from '../sync/change-bus'
import { readMasters } from '../sync/documents'
import { openTestDatabase, type TestDatabase } from '../test-support/test-database'
import { TikTokStandIn } from '../test-support/tiktok-stand-in'
import { createPlatformServices } from './create-services'
import { beginLogin, completeLogin, syncNow } from './linking'
import { loadLink } from './links'
import type { PlatformServices } from './services'

const KEY = 'refresh-client'
const SECRET = 'refresh-client-secret-0123456789'
const T0 = Date.UTC(2026, 2, 2, 6, 0, 0)
const WORKSPACE = '01950000-0000-7000-8000-0000000000b1'
const MINUTE = 60_000

let t: TestDatabase
let clock: ManualClock
let standIn: TikTokStandIn
let services: PlatformServices
let accountId: string

async function signIn(existing: string | null): Promise<string> {
  const redirectUri = 'http://127.0.0.1:5555/callback'
  const { authorizeUrl } = await beginLogin(services, {
    userId: 'user-1',
    workspaceId: WORKSPACE,
    platform: 'tiktok',
    accountId: existing,
    client: 'desktop',
    redirectUri,
  })
  const back = new URL(
    (await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location') ?? '',
  )
  const linked = await completeLogin(
    services,
    {
      userId: 'user-1',
      state: back.searchParams.get('state') ?? '',
      code: back.searchParams.get('code') ?? '',
    },
    async () => undefined,
  )
  return linked.accountId
}

async function account(): Promise<AccountDoc> {
  const found = await readMasters(t.database.db, WORKSPACE, 'accounts', [accountId])
  return found.get(accountId)?.data as AccountDoc
}

async function jobStates() {
  return t.database.db
    .selectFrom('jobs')
    .select(['kind', 'state'])
    .where('account_id', '=', accountId)
    .execute()
}

beforeAll(async () => {
  t = await openTestDatabase('sqlite')
  clock = new ManualClock(T0)
  standIn = new TikTokStandIn({ clock, clientKey: KEY, clientSecret: SECRET })
  await standIn.start()
  services = createPlatformServices({
    database: t.database,
    bus: new ChangeBus(),
    clock,
    dataDir: t.dataDir,
    config: {
      secret: 'refresh test secret, long enough',
      tiktok: {
        clientKey: KEY,
        clientSecret: SECRET,
        apiUrl: standIn.url,
        authUrl: standIn.url,
        audited: false,
      },
      publicOrigins: [],
      jobs: { enabled: false, concurrency: 2, leaseMs: 60_000, pollMs: 1_000 },
    },
  })
})

afterAll(async () => {
  await standIn.stop()
  await t.close()
})

describe('platform tokens over simulated hours', () => {
  it('refreshes before every expiry, so no call ever carries an expired token', async () => {
    accountId = await signIn(null)
    await services.runner.drain()
    expect((await account()).link).toMatchObject({ state: 'linked', lastSyncedAt: T0 })
    const expiries: number[] = []
    for (let step = 0; step < (7 * 60) / 5; step += 1) {
      const link = await loadLink(t.database.db, services.vault, {
        workspaceId: WORKSPACE,
        accountId,
      })
      if (link?.tokens && !expiries.includes(link.tokens.accessExpiresAt))
        expiries.push(link.tokens.accessExpiresAt)
      clock.advance(5 * MINUTE)
      await services.runner.drain()
      // Every hour someone presses "Sync now": it must always find a valid token.
      if (step % 12 === 11) {
        await syncNow(services, { workspaceId: WORKSPACE, accountId })
        await services.runner.drain()
      }
    }
    const refreshes = standIn.log.filter((r) => r.path === '/v2/oauth/token/' && r.status === 200)
    // The sign-in, then one refresh per 2-hour token over 7 hours.
    expect(refreshes.length).toBe(1 + 3)
    for (const [i, refresh] of refreshes.slice(1).entries()) {
      const expiry = expiries[i] ?? 0
      expect(refresh.at).toBeLessThan(expiry)
      expect(refresh.at).toBeGreaterThanOrEqual(expiry - REFRESH_AHEAD_MS)
    }
    expect(standIn.log.filter((r) => r.status === 401)).toEqual([])
    expect(standIn.log.filter((r) => r.path === '/v2/video/list/').length).toBeGreaterThan(7)
  })

  it('moves a revoked link to "needs reconnect", pauses its jobs, and resumes them on reconnect', async () => {
    standIn.revokeUser('open-creator-1')
    await syncNow(services, { workspaceId: WORKSPACE, accountId })
    await services.runner.drain()
    const stuck = await account()
    expect(stuck.link.state).toBe('needs_reconnect')
    expect(stuck.link.problem).toContain('invalid_grant')
    const states = await jobStates()
    expect(states.filter((j) => j.state === 'queued')).toEqual([])
    expect(states.some((j) => j.state === 'paused' && j.kind === 'platform.refresh')).toBe(true)
    expect(states.filter((j) => j.state === 'failed')).toEqual([])
    const link = await loadLink(t.database.db, services.vault, {
      workspaceId: WORKSPACE,
      accountId,
    })
    expect(link).toMatchObject({ state: 'needs_reconnect', tokens: null })

    // Reconnecting (a new sign-in for this account) brings it back and un-pauses its jobs.
    expect(await signIn(accountId)).toBe(accountId)
    expect((await jobStates()).filter((j) => j.state === 'paused')).toEqual([])
    await services.runner.drain()
    expect((await account()).link).toMatchObject({ state: 'linked', problem: null })
    expect((await jobStates()).filter((j) => j.state === 'failed')).toEqual([])
  })
})
