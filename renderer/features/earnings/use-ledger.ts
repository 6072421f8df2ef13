import { useMemo } from 'react'
import type { LedgerEntryDoc } from '../../../shared/data/registry'
import { useLiveDocs } from './use-live-docs'

/** The ledger entries of one account, or of every account the member can read (null). */
export function useLedger(workspaceId: string, accountId: string | null) {
  const query = useMemo(
    () => ({ selector: accountId ? { workspaceId, accountId } : { workspaceId } }),
    [workspaceId, accountId],
  )
  const { docs, loading } = useLiveDocs<LedgerEntryDoc>('ledger', query)
  return { entries: docs, loading }
}
