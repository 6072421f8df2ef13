import { afterAll, describe, expect, it } from 'vitest'
import { unpackAll } from '../../shared/analytics/metric-pack'
import { readings } from '../../shared/analytics/month-doc'
import {
  collections,
  type AccountDoc,
  type LedgerEntryDoc,
  type MetricPackDoc,
  type ProductDoc,
} from '../../shared/data/registry'
import { lockEndsAt } from '../../shared/money/commission'
import { ManualClock } from '../jobs/clock'
import { currentSeq } from '../sync/documents'
import { ChangeBus } from '../sync/change-bus'
import { testBackends } from '../test-support/harness'
import {
  openTestDatabase,
  stopLocalCluster,
  type TestDatabase,
} from '../test-support/test-database'
import { createPlatformServices } from './create-services'
import { linkSandboxAccount } from './linking'
import { fromJsonColumn } from '../db/values'
import type { PlatformServices } from './services'
import { DAY_MS, dayOf } from './sandbox/identity'
import { Simulation } from './sandbox/simulation'

const T0 = Date.UTC(2026, 2, 2, 10, 30, 0)
const WORKSPACE = '01950000-0000-7000-8000-000000000001'
const ACCOUNT = '01950000-0000-7000-8000-0000000000a1'

const config = {
  secret: 'a test secret that is long enough',
  tiktok: null,
  publicOrigins: [],
  jobs: { enabled: false, concurrency: 4, leaseMs: 60_000, pollMs: 1_000 },
}

afterAll(() => stopLocalCluster())

async function documents(t: TestDatabase, workspaceId = WORKSPACE) {
  const rows = await t.database.db
    .selectFrom('documents')
    .select(['collection', 'id', 'data'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('collection')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ collection: r.collection, data: fromJsonColumn(r.data) }))
}

async function backfilled(kind: 'sqlite' | 'postgres', seed: number) {
  const t = await openTestDatabase(kind)
  const clock = new ManualClock(T0)
  const services = createPlatformServices({
    database: t.database,
    bus: new ChangeBus(),
    clock,
    dataDir: t.dataDir,
    config,
  })
  await linkSandboxAccount(services, {
    workspaceId: WORKSPACE,
    size: '12k',
    seed,
    accountId: ACCOUNT,
  })
  await services.runner.drain()
  return { t, clock, services }
}

describe.each(testBackends())('sandbox backfill into the workspace on %s', (kind) => {
  let first: { t: TestDatabase; clock: ManualClock; services: PlatformServices }
  afterAll(() => first?.t.close())

  it('writes a year of the account as workspace documents, byte-identical for the same seed and clock', async () => {
    first = await backfilled(kind, 4242)
    const second = await backfilled(kind, 4242)
    try {
      const a = await documents(first.t)
      const b = await documents(second.t)
      expect(JSON.stringify(b)).toBe(JSON.stringify(a))
      const count = (c: string) => a.filter((d) => d.collection === c).length
      // A year of the account's days, folded into month documents packed one per account-month.
      const packs = a.filter((d) => d.collection === 'metrics').map((d) => d.data as MetricPackDoc)
      expect(packs.every((p) => collections.metrics.schema.safeParse(p).success)).toBe(true)
      const metrics = unpackAll(packs)
      expect(metrics.some((m) => m.postId !== null)).toBe(true)
      const accountMonths = metrics.filter((m) => m.postId === null)
      expect(accountMonths.length).toBeGreaterThanOrEqual(12)
      expect(accountMonths.length).toBeLessThanOrEqual(14)
      expect(readings(accountMonths, 'views').length).toBeGreaterThan(365)
      expect(count('posts')).toBeGreaterThan(100)
      expect(count('deals')).toBeGreaterThan(3)
      expect(count('products')).toBeGreaterThan(3)
      const ledger = a.filter((d) => d.collection === 'ledger').map((d) => d.data as LedgerEntryDoc)
      for (const kindOf of ['gift', 'commission', 'reward'] as const)
        expect(ledger.filter((e) => e.kind === kindOf).length, kindOf).toBeGreaterThan(3)
      expect(ledger.every((e) => e.source === 'connector')).toBe(true)
      // Each stream's facts arrive structured (issue 12), valid against the ledger's schema.
      expect(ledger.every((e) => collections.ledger.schema.safeParse(e).success)).toBe(true)
      for (const gift of ledger.filter((e) => e.kind === 'gift'))
        expect(gift.detail.durationSec !== null && gift.detail.topGifters !== null).toBe(true)
      for (const order of ledger.filter((e) => e.kind === 'commission')) {
        const { paidPriceMinor, rateBps, expectedSettlementAt } = order.detail
        expect(paidPriceMinor !== null && rateBps !== null && expectedSettlementAt !== null).toBe(
          true,
        )
      }
      const rewards = ledger.filter((e) => e.kind === 'reward')
      expect(rewards.every((e) => e.detail.month !== null)).toBe(true)
      expect(
        rewards.every(
          (e) =>
            e.detail.disqualified !== null ||
            (e.detail.estimatedMinor !== null && e.detail.qualifiedViews !== null),
        ),
      ).toBe(true)
      // A showcase rate cut keeps the old rate beside the new one until its 30-day lock ends.
      const sim = new Simulation({ size: '12k', seed: 4242, linkDay: dayOf(T0) })
      const products = a.filter((d) => d.collection === 'products').map((d) => d.data as ProductDoc)
      let cuts = 0
      for (const p of sim.showcase()) {
        const doc = products.find((d) => d.shopProductId === p.shopProductId)
        if (!doc || p.addedAt < T0 - 360 * DAY_MS) continue
        if (p.cut && p.cut.at <= T0 && p.cut.rateBps < p.rateBps) {
          cuts += 1
          expect(doc).toMatchObject({
            commissionRateBps: p.cut.rateBps,
            lockedRateBps: p.rateBps,
            rateLockedUntil: lockEndsAt(p.cut.at),
          })
        } else expect(doc.lockedRateBps).toBeNull()
      }
      expect(cuts).toBeGreaterThan(0)
      const account = a.find((d) => d.collection === 'accounts')?.data as AccountDoc
      expect(account).toMatchObject({
        id: ACCOUNT,
        platform: 'sandbox',
        link: { state: 'linked', linkedAt: T0, lastSyncedAt: T0, problem: null },
      })
      expect(account.followerCount).toBeGreaterThan(11_500)
    } finally {
      await second.t.close()
    }
  })

  it('rewrites nothing when the same backfill runs again (stable ids)', async () => {
    const before = await currentSeq(first.t.database.db, WORKSPACE)
    await first.services.runner.enqueue({
      kind: 'platform.backfill',
      payload: { workspaceId: WORKSPACE, accountId: ACCOUNT },
    })
    await first.services.runner.drain()
    // Only the account's status changes (syncing → linked, a newer lastSyncedAt).
    expect(await currentSeq(first.t.database.db, WORKSPACE)).toBe(before + 2)
  })

  it('keeps syncing as simulated days pass: daily sync and 15-minute event polls', async () => {
    const { clock, services, t } = first
    const seqBefore = await currentSeq(t.database.db, WORKSPACE)
    for (let i = 0; i < 4 * 24 + 4; i += 1) {
      clock.advance(15 * 60_000)
      await services.runner.drain()
    }
    const jobs = await t.database.db
      .selectFrom('jobs')
      .select(['kind', 'state'])
      .where('account_id', '=', ACCOUNT)
      .execute()
    const done = (kind: string) =>
      jobs.filter((j) => j.kind === kind && j.state === 'succeeded').length
    expect(done('platform.sync')).toBe(1)
    expect(done('platform.events')).toBeGreaterThanOrEqual(4 * 24)
    expect(jobs.filter((j) => j.state === 'failed')).toEqual([])
    expect(await currentSeq(t.database.db, WORKSPACE)).toBeGreaterThan(seqBefore)
    const account = (await documents(t)).find((d) => d.collection === 'accounts')
      ?.data as AccountDoc
    expect(account.link.lastSyncedAt).toBeGreaterThan(T0 + 12 * 3_600_000)
  })
})
