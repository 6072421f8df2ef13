import { useMemo } from 'react'
import { unpackAll } from '../../../shared/analytics/metric-pack'
import type { AccountDoc, MetricPackDoc, PostDoc } from '../../../shared/data/registry'
import { evaluateAll, type ProgramResult } from '../../../shared/eligibility/evaluate'
import { accountDays, eligibilityInputs } from '../../../shared/eligibility/inputs'
import { PROGRAMS } from '../../../shared/eligibility/rules'
import { useLiveDocs } from '../earnings/use-live-docs'
import { useWorkspaceEligibility } from './eligibility-store'

const DAY_MS = 86_400_000

/**
 * Every program's result for each of `accounts`, from the daily account metrics of the last
 * 60 days (30-day sums and their 30-day trend) and the published posts.
 */
export function useEligibility(
  workspaceId: string,
  accounts: readonly AccountDoc[],
  now: number,
): { results: Map<string, ProgramResult[]>; loading: boolean } {
  // Month packs (metrics schema 2): the months that hold the last 62 days.
  const since = new Date(now - 62 * DAY_MS).toISOString().slice(0, 7)
  // Keyed by the ids' content, not the array: the accounts list may be a new array on every
  // render (an empty live query's results are), and a new query each render re-subscribes, sets
  // state and renders again — an endless loop that took the page down with no account.
  const idKey = accounts.map((a) => a.id).join(',')
  const ids = useMemo(() => (idKey === '' ? [] : idKey.split(',')), [idKey])
  const metricQuery = useMemo(
    () => ({
      selector: { workspaceId, accountId: { $in: ids }, month: { $gte: since } },
    }),
    [workspaceId, ids, since],
  )
  const postQuery = useMemo(
    () => ({ selector: { workspaceId, accountId: { $in: ids } } }),
    [workspaceId, ids],
  )
  const metrics = useLiveDocs<MetricPackDoc>('metrics', metricQuery)
  const posts = useLiveDocs<PostDoc>('posts', postQuery)
  const { overrides, standing } = useWorkspaceEligibility()

  const results = useMemo(() => {
    const byAccount = new Map<string, ProgramResult[]>()
    // The accounts' own months (a pack's posts are not read here).
    const m = unpackAll(metrics.docs.map((p) => ({ ...p, posts: [] })))
    const p = posts.docs
    for (const account of accounts) {
      const inputs = eligibilityInputs(
        account,
        accountDays(m.filter((x) => x.accountId === account.id)),
        p.filter((x) => x.accountId === account.id),
        now,
        standing[account.id] ?? null,
      )
      byAccount.set(account.id, evaluateAll(PROGRAMS, inputs, overrides, now))
    }
    return byAccount
  }, [accounts, metrics.docs, posts.docs, overrides, standing, now])
  return { results, loading: metrics.loading || posts.loading }
}
