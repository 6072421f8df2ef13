import { describe, expect, it } from 'vitest'
import { EMPTY_DETAIL } from '../data/collections/ledger'
import { earningsAlerts } from './alerts'
import { DEFAULT_EARNINGS_SETTINGS } from './earnings-settings'
import { reconcileRewards } from './reconcile'
import { entry } from './test-entries'

const S = DEFAULT_EARNINGS_SETTINGS

function reward(month: string, paid: number, views: number) {
  return entry({
    kind: 'reward',
    amountMinor: paid,
    detail: { ...EMPTY_DETAIL, month, estimatedMinor: paid, qualifiedViews: views },
  })
}

function kinds(entries: ReturnType<typeof entry>[]) {
  return earningsAlerts(entries, reconcileRewards(entries), S).map((a) => a.kind)
}

describe('earnings alerts', () => {
  it('flags an RPM drop beyond the threshold, not one within it', () => {
    // RPM 100 → 75 is a 25 % drop (threshold 20 %); 100 → 85 is 15 %.
    expect(kinds([reward('2026-01', 1_000, 10_000), reward('2026-02', 750, 10_000)])).toEqual([
      'rpm_drop',
    ])
    expect(kinds([reward('2026-01', 1_000, 10_000), reward('2026-02', 850, 10_000)])).toEqual([])
  })

  it('flags each disqualified video', () => {
    const dq = entry({
      kind: 'reward',
      amountMinor: 0,
      detail: { ...EMPTY_DETAIL, month: '2026-01', disqualified: 'Reused content' },
    })
    const alerts = earningsAlerts([dq], reconcileRewards([dq]), S)
    expect(alerts).toMatchObject([{ kind: 'disqualified', detail: 'Disqualified: Reused content' }])
  })

  it('flags refunds above the share of a month’s orders', () => {
    const order = (settlement: 'settled' | 'refunded') =>
      entry({ kind: 'commission', settlement, amountMinor: 100 })
    // 2 of 10 refunded = 20 % > 10 %; 1 of 10 = 10 % is not above.
    expect(
      kinds(
        [...Array(8)].map(() => order('settled')).concat([order('refunded'), order('refunded')]),
      ),
    ).toEqual(['refunds'])
    expect(kinds([...Array(9)].map(() => order('settled')).concat([order('refunded')]))).toEqual([])
  })

  it('flags a payout below the minimum for its currency', () => {
    expect(kinds([entry({ kind: 'payout', amountMinor: 999 })])).toEqual(['payout_below_minimum'])
    expect(kinds([entry({ kind: 'payout', amountMinor: 1_000 })])).toEqual([])
    // No minimum configured for EUR: nothing to compare with.
    expect(kinds([entry({ kind: 'payout', amountMinor: 5, currency: 'EUR' })])).toEqual([])
  })
})
