import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import type { LedgerEntryDoc, ProductDoc } from '../../../shared/data/registry'
import { commissionSummary, type CommissionTotals } from '../../../shared/shop/commission'
import { useCurrentAccount } from '../../app/current-account-store'
import { useSession } from '../../session/session-context'

/** The products the current account can tag: its own and the workspace's, by title. */
export function useCatalogue(): ProductDoc[] {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const { accountId } = useCurrentAccount()
  const query = useMemo(
    () => ({
      selector: accountId
        ? { workspaceId, $or: [{ accountId }, { accountId: null }] }
        : { workspaceId },
    }),
    [workspaceId, accountId],
  )
  const { results } = useLiveRxQuery<ProductDoc>({ collection: 'products', query })
  return results
    .map((d) => d.toJSON() as ProductDoc)
    .filter((p) => !p._deleted)
    .sort((a, b) => a.title.localeCompare(b.title))
}

/** Attributed orders per catalogue product (commission entries of the ledger), in USD. */
export function useProductOrders(): Map<string, CommissionTotals> {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const { accountId } = useCurrentAccount()
  const query = useMemo(
    () => ({
      selector: accountId
        ? { workspaceId, accountId, kind: 'commission' as const }
        : { workspaceId, kind: 'commission' as const },
    }),
    [workspaceId, accountId],
  )
  const { results } = useLiveRxQuery<LedgerEntryDoc>({ collection: 'ledger', query })
  return commissionSummary(
    results.map((d) => d.toJSON() as LedgerEntryDoc),
    'USD',
  ).byProduct
}
