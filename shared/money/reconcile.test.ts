import { describe, expect, it } from 'vitest'
import { EMPTY_DETAIL } from '../data/collections/ledger'
import { reconcileRewards } from './reconcile'
import { entry } from './test-entries'

function reward(month: string, estimated: number | null, paid: number, views = 10_000) {
  return entry({
    kind: 'reward',
    amountMinor: paid,
    detail: {
      ...EMPTY_DETAIL,
      month,
      estimatedMinor: estimated,
      qualifiedViews: views,
      rpmMinor: 50,
    },
  })
}

describe('Creator Rewards: estimated vs paid', () => {
  it('lists each difference with what explains it, and totals that add up', () => {
    const dq = entry({
      kind: 'reward',
      amountMinor: 0,
      detail: { ...EMPTY_DETAIL, month: '2026-03', disqualified: 'Not original content' },
    })
    const months = reconcileRewards([
      reward('2026-03', 500, 500),
      reward('2026-03', 400, 430),
      reward('2026-03', 600, 560),
      dq,
      reward('2026-04', 100, 100),
    ])
    expect(months.map((m) => m.month)).toEqual(['2026-03', '2026-04'])
    const march = months[0]!
    expect(march.estimated).toEqual({ USD: 1_500 })
    expect(march.paid).toEqual({ USD: 1_490 })
    expect(march.videos).toBe(4)
    expect(march.disqualified).toBe(1)
    expect(march.differences.map((d) => [d.reason, d.differenceMinor])).toEqual([
      ['views_added', 30],
      ['views_removed', -40],
      ['disqualified', null],
    ])
    expect(march.differences[2]?.explanation).toBe('Disqualified: Not original content')
    // The explained differences account for the whole gap between estimate and payment.
    const explained = march.differences.reduce((s, d) => s + (d.differenceMinor ?? 0), 0)
    expect(explained).toBe((march.paid.USD ?? 0) - (march.estimated.USD ?? 0))
    // RPM of what was paid over 30,000 qualified views.
    expect(march.rpm).toEqual({ USD: Math.round((1_490 * 1000) / 30_000) })
    expect(months[1]?.differences).toEqual([])
  })

  it('says when no estimate was reported, and ignores other kinds', () => {
    const months = reconcileRewards([reward('2026-05', null, 70), entry({ kind: 'gift' })])
    expect(months).toHaveLength(1)
    expect(months[0]?.differences[0]).toMatchObject({ reason: 'no_estimate', paidMinor: 70 })
  })
})
