import { afterAll, describe, expect, it } from 'vitest'
import { dealSchema, type DealDoc } from '../../shared/data/collections/deals'
import { ManualClock } from '../jobs/clock'
import { fromJsonColumn } from '../db/values'
import { createPlatformServices } from '../platforms/create-services'
import type { EventOf } from '../platforms/events'
import { linkSandboxAccount } from '../platforms/linking'
import { dayOf } from '../platforms/sandbox/identity'
import { Simulation } from '../platforms/sandbox/simulation'
import { ChangeBus } from '../sync/change-bus'
import { testBackends } from '../test-support/harness'
import {
  openTestDatabase,
  stopLocalCluster,
  type TestDatabase,
} from '../test-support/test-database'

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

/** A 12k sandbox seed with an invitation still open at T0 (the sandbox's own simulation). */
function openInvitationAt(now: number): { seed: number; invitation: EventOf<'brand.invitation'> } {
  const linkDay = dayOf(now)
  for (let seed = 1; seed < 5000; seed += 1) {
    const sim = new Simulation({ size: '12k', seed, linkDay })
    for (let day = linkDay - 6; day <= linkDay; day += 1)
      for (const event of sim.eventsOfDay(day))
        if (
          event.type === 'brand.invitation' &&
          event.occurredAt < now &&
          event.expiresAt > now + 3_600_000
        )
          return { seed, invitation: event }
  }
  throw new Error('no seed with an open invitation')
}

async function dealsOf(t: TestDatabase): Promise<DealDoc[]> {
  const rows = await t.database.db
    .selectFrom('documents')
    .select(['data'])
    .where('workspace_id', '=', WORKSPACE)
    .where('collection', '=', 'deals')
    .execute()
  return rows.map((r) => dealSchema.parse(fromJsonColumn(r.data)))
}

describe.each(testBackends())('brand invitations expire on a test clock (%s)', (kind) => {
  it('an unanswered invitation is open until its 7 days are up, then the server marks it expired', async () => {
    const { seed, invitation } = openInvitationAt(T0)
    const t = await openTestDatabase(kind)
    try {
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
      const find = async () =>
        (await dealsOf(t)).find((d) => d.invitation?.id === invitation.invitationId)
      const before = await find()
      expect(before?.state).toBe('invitation')
      // Older invitations of the backfilled year arrived expired.
      expect((await dealsOf(t)).some((d) => d.state === 'expired')).toBe(true)

      // A minute before the 7 days end, the next event syncs leave it open.
      clock.advanceTo(invitation.expiresAt - 60_000)
      await services.runner.drain()
      expect((await find())?.state).toBe('invitation')

      // The first event sync after it: expired, by the system, at its expiry time.
      clock.advanceTo(invitation.expiresAt + 15 * 60_000)
      await services.runner.drain()
      const after = await find()
      expect(after?.state).toBe('expired')
      expect(after?.history.at(-1)).toMatchObject({
        from: 'invitation',
        to: 'expired',
        at: invitation.expiresAt,
        by: { kind: 'system' },
      })
    } finally {
      await t.close()
    }
  }, 60_000)
})
