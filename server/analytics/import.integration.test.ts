import { beforeAll, describe, expect, it } from 'vitest'
import { readings } from '../../shared/analytics/month-doc'
import { unpackAll } from '../../shared/analytics/metric-pack'
import type { MetricPackDoc } from '../../shared/data/registry'
import { createAgency, type Agency, type TestUser } from '../test-support/agency'
import { testBackends, useHarness } from '../test-support/harness'
import type { ServerProcess } from '../test-support/server-process'

/** Imports through a real server process: who may, what is checked, and that it is idempotent. */
describe.each(testBackends())('analytics import on %s', (kind) => {
  const harness = useHarness(kind)
  let server: ServerProcess
  let agency: Agency
  let analyst: TestUser
  let creator: TestUser

  beforeAll(async () => {
    server = await harness.start(await harness.newStore())
    agency = await createAgency(server.url)
    analyst = await agency.join('analyst')
    creator = await agency.join('creator', [agency.accountA])
  })

  const metricsOf = async (user: TestUser) =>
    unpackAll(
      (
        await user.api.sync.pull.query({
          workspaceId: agency.workspaceId,
          collection: 'metrics',
          checkpoint: null,
          limit: 1000,
        })
      ).documents as unknown as MetricPackDoc[],
    )

  const days = [
    { date: '2024-02-28', views: 100, likes: 10, followers: 500 },
    { date: '2024-02-29', views: 50, likes: 5, followers: 510 },
    { date: '2024-03-01', views: 25, likes: 1, followers: 505 },
  ]

  it('writes month documents an account’s members receive; the same file again changes nothing', async () => {
    const input = { workspaceId: agency.workspaceId, accountId: agency.accountA, days }
    expect(await agency.owner.api.analytics.importDays.mutate(input)).toEqual({
      added: 3,
      unchanged: 0,
    })
    const docs = await metricsOf(creator)
    expect(docs.map((d) => d.month).sort()).toEqual(['2024-02', '2024-03'])
    expect(readings(docs, 'views').map((p) => p.value)).toEqual([100, 150, 175])
    expect(readings(docs, 'followers').map((p) => p.value)).toEqual([500, 510, 505])
    const seqBefore = (
      await agency.owner.api.sync.pull.query({
        workspaceId: agency.workspaceId,
        collection: 'metrics',
        checkpoint: null,
        limit: 1000,
      })
    ).checkpoint

    expect(await agency.owner.api.analytics.importDays.mutate(input)).toEqual({
      added: 0,
      unchanged: 3,
    })
    const after = await agency.owner.api.sync.pull.query({
      workspaceId: agency.workspaceId,
      collection: 'metrics',
      checkpoint: seqBefore,
      limit: 1000,
    })
    expect(after.documents).toEqual([])

    // An overlapping, longer file adds only its new day, chained from the stored ones.
    const more = await agency.owner.api.analytics.importDays.mutate({
      ...input,
      days: [...days, { date: '2024-03-02', views: 5 }],
    })
    expect(more).toEqual({ added: 1, unchanged: 3 })
    expect(readings(await metricsOf(agency.owner), 'views').map((p) => p.value)).toEqual([
      100, 150, 175, 180,
    ])
  })

  it('refuses members who may not import, with the reason', async () => {
    const input = { workspaceId: agency.workspaceId, accountId: agency.accountB, days }
    await expect(analyst.api.analytics.importDays.mutate(input)).rejects.toThrow(
      /your role \(analyst\) cannot import analytics/,
    )
    await expect(creator.api.analytics.importDays.mutate(input)).rejects.toThrow(
      /cannot import analytics/,
    )
    // Nothing was written for account B.
    expect((await metricsOf(agency.owner)).some((d) => d.accountId === agency.accountB)).toBe(false)
  })

  it.each([
    ['a negative count', [{ date: '2024-03-01', views: -1 }]],
    ['a day twice', [{ date: '2024-03-01' }, { date: '2024-03-01' }]],
    ['a bad date', [{ date: '2024-13-01' }]],
    ['an unknown field', [{ date: '2024-03-01', reach: 5 }]],
    ['no days', []],
  ])('refuses %s as bad input, writing nothing', async (_what, bad) => {
    await expect(
      agency.owner.api.analytics.importDays.mutate({
        workspaceId: agency.workspaceId,
        accountId: agency.accountB,
        // Deliberately outside the input type: the server must refuse it.
        days: bad as unknown as typeof days,
      }),
    ).rejects.toThrow()
    expect((await metricsOf(agency.owner)).some((d) => d.accountId === agency.accountB)).toBe(false)
  })

  it('an account outside the workspace is not found', async () => {
    await expect(
      agency.owner.api.analytics.importDays.mutate({
        workspaceId: agency.workspaceId,
        accountId: '018f0000-0000-7000-8000-0000000000ff',
        days,
      }),
    ).rejects.toThrow(/not in this workspace/)
  })
})
