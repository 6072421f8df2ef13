import { formatDistanceStrict } from 'date-fns'
import type { AccountDoc } from '../../../shared/data/collections/accounts'

/** Below this a sync reads "just now" (also covers a server clock slightly ahead of this one). */
const JUST_NOW_MS = 45_000

export type LinkTone = 'ok' | 'busy' | 'problem' | 'none'

export interface LinkStatusView {
  label: string
  tone: LinkTone
  /** The line under the label: when it last synced, or what is wrong. */
  detail: string
}

/** How an account's platform link reads in the accounts table. */
export function describeLink(
  account: Pick<AccountDoc, 'link' | 'platform'>,
  now: number,
): LinkStatusView {
  const { link } = account
  const synced =
    link.lastSyncedAt === null
      ? 'Not synced yet'
      : now - link.lastSyncedAt < JUST_NOW_MS
        ? 'Synced just now'
        : `Synced ${formatDistanceStrict(link.lastSyncedAt, now, { addSuffix: true })}`
  switch (link.state) {
    case 'unlinked':
      return {
        label: 'Not linked',
        tone: 'none',
        detail:
          account.platform === 'sandbox'
            ? 'Entered by hand: link a sandbox account to get simulated data'
            : 'Entered by hand: link it to sync its numbers',
      }
    case 'syncing':
      return { label: 'Syncing…', tone: 'busy', detail: synced }
    case 'needs_reconnect':
      return {
        label: 'Needs reconnect',
        tone: 'problem',
        detail: link.problem ?? 'The platform no longer accepts this link.',
      }
    case 'linked':
      return link.problem
        ? { label: 'Linked', tone: 'problem', detail: link.problem }
        : { label: 'Linked', tone: 'ok', detail: synced }
  }
}
