import type { CollectionName } from '../data/collection-contract'
import { can, type MemberLike } from './permissions'

/**
 * Why the permission table (permissions.ts) stops a member from changing something, in words
 * the UI shows beside the read-only view — or null when they may. The UI then never offers an
 * edit the server would refuse.
 */
const NOUN: Partial<Record<CollectionName, string>> = {
  projects: 'projects',
  media: 'media',
  posts: 'posts',
  accounts: 'creator accounts',
  deals: 'deals',
  ledger: 'earnings entries',
}

export function whyReadOnly(
  member: MemberLike | null,
  collection: CollectionName,
  doc?: { accountId?: string | null },
  accountLabel?: string,
): string | null {
  if (!member) return 'Your membership of this workspace has not synced yet.'
  if (can(member, 'write', collection, doc)) return null
  const noun = NOUN[collection] ?? collection
  switch (member.role) {
    case 'analyst':
      return `You have read-only access (analyst role): you can view ${noun} but not change them. Ask an owner or manager for the editor role to make changes.`
    case 'creator':
      return doc && doc.accountId
        ? `This belongs to ${accountLabel ?? 'an account'}, which is not assigned to you: you can change only your own accounts' ${noun}.`
        : `Creators work on their own accounts: pick one of your accounts to change ${noun}.`
    default:
      return `Your role (${member.role}) cannot change ${noun} in this workspace.`
  }
}
