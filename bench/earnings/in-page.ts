// Bundled for the browser by main.ts and run inside Chromium: the earnings area's own code on a
// generated 50-account, 1,000,000-entry ledger.
import { EMPTY_DETAIL } from '../../shared/data/collections/ledger'
import type { LedgerEntryDoc } from '../../shared/data/registry'
import { evaluateAll } from '../../shared/eligibility/evaluate'
import { eligibilityInputs } from '../../shared/eligibility/inputs'
import { PROGRAMS } from '../../shared/eligibility/rules'
import { earningsAlerts } from '../../shared/money/alerts'
import { DEFAULT_EARNINGS_SETTINGS } from '../../shared/money/earnings-settings'
import { reconcileRewards } from '../../shared/money/reconcile'
import { monthKey, rollup } from '../../shared/money/rollup'

const DAY = 86_400_000
const KINDS = [
  'gift',
  'reward',
  'commission',
  'commission',
  'commission',
  'deal_payment',
  'payout',
  'other',
] as const

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function run(opts: { entries: number; accounts: number; now: number; repeats: number }) {
  const r = rng(42)
  const accounts = Array.from(
    { length: opts.accounts },
    (_, i) => `01890a5d-ac96-774b-bcce-${String(i).padStart(12, '0')}`,
  )
  const ledger: LedgerEntryDoc[] = new Array(opts.entries)
  const span = 730 * DAY
  for (let i = 0; i < opts.entries; i++) {
    const kind = KINDS[Math.floor(r() * KINDS.length)] ?? 'other'
    ledger[i] = {
      id: `e${i}`,
      workspaceId: 'w',
      updatedAt: 1,
      _deleted: false,
      accountId: accounts[i % opts.accounts] ?? '',
      kind,
      amountMinor: Math.floor(r() * 5_000),
      currency: r() < 0.9 ? 'USD' : 'EUR',
      diamonds: kind === 'gift' ? Math.floor(r() * 20_000) : null,
      settlement:
        kind === 'commission'
          ? r() < 0.7
            ? 'settled'
            : r() < 0.8
              ? 'refunded'
              : 'not_settled'
          : null,
      occurredAt: opts.now - Math.floor(r() * span),
      source: 'connector',
      refs: {
        postId: null,
        dealId: null,
        productId: null,
        orderId: null,
        liveSessionId: null,
        externalId: null,
      },
      detail:
        kind === 'reward'
          ? { ...EMPTY_DETAIL, month: '2026-01', estimatedMinor: 100, qualifiedViews: 1000 }
          : EMPTY_DETAIL,
      note: null,
    }
  }
  const byAccount = new Map<string, LedgerEntryDoc[]>()
  for (const e of ledger) {
    const list = byAccount.get(e.accountId) ?? []
    list.push(e)
    byAccount.set(e.accountId, list)
  }
  const regionOf = () => 'US'
  const settings = DEFAULT_EARNINGS_SETTINGS
  const month = monthKey(opts.now)

  // Month view of one account, as EarningsPage computes it on each change: the account's roll-up,
  // the month's entries, the rewards reconciliation and the alerts.
  const monthView: number[] = []
  const monthAnchor: number[] = []
  let sink = 0
  for (let i = 0; i < opts.repeats; i++) {
    const entries = byAccount.get(accounts[i % opts.accounts] ?? '') ?? []
    let t = performance.now()
    const totals = rollup(entries, settings, regionOf, opts.now)
    const inMonth = entries.filter((e) => monthKey(e.occurredAt) === month)
    const rewards = reconcileRewards(entries)
    const alerts = earningsAlerts(entries, rewards, settings)
    monthView.push(performance.now() - t)
    sink += totals.entries + inMonth.length + alerts.length
    // Anchor: one plain pass adding the same entries' amounts.
    t = performance.now()
    let s = 0
    for (const e of entries) s += e.amountMinor
    monthAnchor.push(performance.now() - t)
    sink += s
  }

  // Year roll-up across every account: the all-accounts view.
  let t = performance.now()
  const all = rollup(ledger, settings, regionOf, opts.now)
  const yearRollup = performance.now() - t
  t = performance.now()
  let s = 0
  for (const e of ledger) s += e.amountMinor
  const yearAnchor = performance.now() - t
  sink += all.entries + s

  // Eligibility of every program for every account, from 62 days of daily metrics each.
  const metrics = accounts.map(() =>
    Array.from({ length: 62 }, (_, d) => ({
      date: new Date(opts.now - (61 - d) * DAY).toISOString().slice(0, 10),
      views: 1_000_000 + d * 3_000,
      followers: 9_000 + d * 15,
      postId: null,
    })),
  )
  const account = {
    region: 'US',
    birthDate: '1998-04-02',
    followerCount: 9_000,
    link: { state: 'linked' as const, linkedAt: 1, lastSyncedAt: 1, problem: null },
  }
  t = performance.now()
  for (let i = 0; i < accounts.length; i++) {
    const inputs = eligibilityInputs(account, metrics[i] ?? [], [], opts.now, null)
    sink += evaluateAll(PROGRAMS, inputs, {}, opts.now).length
  }
  const eligibility = performance.now() - t

  return { monthView, monthAnchor, yearRollup, yearAnchor, eligibility, sink }
}
