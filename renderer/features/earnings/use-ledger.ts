import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import type { LedgerEntryDoc } from '../../../shared/data/registry'

/** The ledger entries of one account, or of every account the member can read (null). */
export function useLedger(workspaceId: string, accountId: string | null) {
  const query = useMemo(
    () => ({ selector: accountId ? { workspaceId, accountId } : { workspaceId } }),
    [workspaceId, accountId],
  )
  const { results, loading } = useLiveRxQuery<LedgerEntryDoc>({ collection: 'ledger', query })
  const entries = useMemo(() => results.map((d) => d.toJSON() as LedgerEntryDoc), [results])
  return { entries, loading }
}
