import type { AccountDoc } from '../../shared/data/registry'

/**
 * Which creator account the studio is looking at. `null` = all the accounts the member can see
 * (an agency's overview); a creator-role member only ever sees theirs. Pure, so the rule is
 * tested apart from the store.
 */
export function resolveCurrentAccount(
  saved: string | null | undefined,
  accounts: readonly Pick<AccountDoc, 'id'>[],
): string | null {
  if (saved && accounts.some((a) => a.id === saved)) return saved
  // One account: it is the current one; a remembered account that is gone falls back to all.
  if (accounts.length === 1) return accounts[0]?.id ?? null
  return null
}

/** One collator for every sort: `localeCompare` with options builds a new one per comparison. */
const byHandle = new Intl.Collator(undefined, { sensitivity: 'base' })

/** Accounts sorted as people look for them: by handle, case-insensitively. */
export function sortAccounts<T extends Pick<AccountDoc, 'handle'>>(accounts: readonly T[]): T[] {
  return [...accounts].sort((a, b) => byHandle.compare(a.handle, b.handle))
}

/** Initials for an account's badge: "Cam Creates" → "CC", "ab" → "AB". */
export function initialsOf(account: Pick<AccountDoc, 'displayName' | 'handle'>): string {
  // Only letters and digits make initials: "Ada (sandbox)" is "AS", not "A(".
  const words = (account.displayName || account.handle).split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  const letters =
    words.length >= 2
      ? `${words[0]?.[0] ?? ''}${words[1]?.[0] ?? ''}`
      : (words[0] ?? '').slice(0, 2)
  return letters.toUpperCase()
}
