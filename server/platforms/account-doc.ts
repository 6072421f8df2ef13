import { UNLINKED, type AccountDoc, type AccountLink } from '../../shared/data/collections/accounts'
import type { WorkspaceWrite } from '../sync/workspace-write'

/**
 * Server-side edits of an account document: the link status, follower count and platform id are
 * server-owned fields (clients cannot push them); everything else keeps the member's values.
 */
export interface AccountPatch {
  link?: Partial<AccountLink>
  followerCount?: number | null
  platformAccountId?: string | null
}

export async function readAccount(
  w: WorkspaceWrite,
  accountId: string,
): Promise<AccountDoc | null> {
  const doc = (await w.read('accounts', [accountId])).get(accountId)
  return doc ? (doc as unknown as AccountDoc) : null
}

/** Applies `patch` to the stored account; false when the account is gone (deleted). */
export async function patchAccount(
  w: WorkspaceWrite,
  accountId: string,
  patch: AccountPatch,
  now: number,
): Promise<boolean> {
  const current = await readAccount(w, accountId)
  if (!current || current._deleted) return false
  const next: AccountDoc = {
    ...current,
    link: { ...(current.link ?? UNLINKED), ...patch.link },
    ...(patch.followerCount === undefined ? {} : { followerCount: patch.followerCount }),
    ...(patch.platformAccountId === undefined
      ? {}
      : { platformAccountId: patch.platformAccountId }),
    // Later than the member's last edit, so a client merging this change sees it as the newer one.
    updatedAt: Math.max(now, current.updatedAt + 1),
  }
  await w.write('accounts', [next])
  return true
}
