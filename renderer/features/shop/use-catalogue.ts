import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import type { ProductDoc } from '../../../shared/data/registry'
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
