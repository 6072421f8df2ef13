import { useMemo } from 'react'
import { useLiveRxQuery } from 'rxdb/plugins/react'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { can } from '../../shared/auth/permissions'
import type { AccountDoc } from '../../shared/data/registry'
import { useSession } from '../session/session-context'
import { resolveCurrentAccount, sortAccounts } from './current-account'
import { useWorkspaceMember } from './use-workspace-member'

interface CurrentAccountState {
  /** The account chosen in each workspace on this device (null = all accounts). */
  byWorkspace: Record<string, string | null>
  select(workspaceId: string, accountId: string | null): void
}

/**
 * The creator account the studio is scoped to, chosen in the header and remembered per device
 * and workspace. The editor uses it now; publishing, analytics and earnings read the same store.
 */
export const useCurrentAccountStore = create<CurrentAccountState>()(
  persist(
    (set, get) => ({
      byWorkspace: {},
      select(workspaceId, accountId) {
        set({ byWorkspace: { ...get().byWorkspace, [workspaceId]: accountId } })
      },
    }),
    { name: 'reeldesk-current-account' },
  ),
)

export interface CurrentAccount {
  /** The chosen account's id, or null for all of them. */
  accountId: string | null
  account: AccountDoc | null
  /** Every account this member can see, by handle. */
  accounts: AccountDoc[]
  loading: boolean
  select(accountId: string | null): void
}

/** The current account of the open workspace, and the accounts to choose from. */
export function useCurrentAccount(): CurrentAccount {
  const workspaceId = useSession((s) => s.workspaceId) ?? ''
  const { member } = useWorkspaceMember()
  const query = useMemo(() => ({ selector: { workspaceId } }), [workspaceId])
  const { results, loading } = useLiveRxQuery<AccountDoc>({ collection: 'accounts', query })
  const saved = useCurrentAccountStore((s) => s.byWorkspace[workspaceId])
  const select = useCurrentAccountStore((s) => s.select)
  const accounts = useMemo(
    () =>
      sortAccounts(
        results
          .map((d) => d.toJSON() as AccountDoc)
          // Replication already leaves out what a member cannot read; this is the same rule
          // for documents that arrived before an access change.
          .filter((a) => !member || can(member, 'read', 'accounts', { accountId: a.id })),
      ),
    [results, member],
  )
  const accountId = resolveCurrentAccount(saved, accounts)
  return {
    accountId,
    account: accounts.find((a) => a.id === accountId) ?? null,
    accounts,
    loading,
    select: (id) => select(workspaceId, id),
  }
}
