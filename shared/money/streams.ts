import type { LedgerEntryDoc } from '../data/registry'
import { diamondRateFor, type EarningsSettings } from './earnings-settings'
import { fractionDigits, mulMicros, type Money } from './money'

/** The income streams the earnings area shows, in chart order; payouts are not income. */
export const STREAMS = ['gifts', 'rewards', 'commissions', 'deals', 'other'] as const
export type Stream = (typeof STREAMS)[number]

export const STREAM_LABELS: Record<Stream, string> = {
  gifts: 'LIVE gifts',
  rewards: 'Creator Rewards',
  commissions: 'Shop commissions',
  deals: 'Brand deals',
  other: 'Other income',
}

export type LedgerEntry = Pick<
  LedgerEntryDoc,
  | 'id'
  | 'accountId'
  | 'kind'
  | 'amountMinor'
  | 'currency'
  | 'diamonds'
  | 'settlement'
  | 'occurredAt'
  | 'source'
>

export function streamOf(kind: LedgerEntryDoc['kind']): Stream | null {
  switch (kind) {
    case 'gift':
      return 'gifts'
    case 'reward':
      return 'rewards'
    case 'commission':
      return 'commissions'
    case 'deal_payment':
      return 'deals'
    case 'other':
      return 'other'
    case 'payout':
      return null
  }
}

/**
 * Diamonds → cash at a rate in millionths of a unit per diamond, rounded half up to the
 * currency's minor unit.
 */
export function diamondValue(
  diamonds: number,
  rate: { currency: string; microsPerDiamond: number },
): Money {
  const perUnit = 10 ** fractionDigits(rate.currency)
  return { currency: rate.currency, minor: mulMicros(diamonds * perUnit, rate.microsPerDiamond) }
}

/**
 * What one entry is worth in the views. Gifts with diamonds are valued at the workspace's rate
 * for the account's region (diamonds are the truth; the stored amount is only the value at the
 * default rate). A refunded commission is worth nothing: the refund reverses it.
 */
export function entryValue(
  entry: LedgerEntry,
  settings: EarningsSettings,
  region: string | null,
): Money {
  if (entry.kind === 'gift' && entry.diamonds !== null)
    return diamondValue(entry.diamonds, diamondRateFor(settings, region))
  if (entry.kind === 'commission' && entry.settlement === 'refunded')
    return { currency: entry.currency, minor: 0 }
  return { currency: entry.currency, minor: entry.amountMinor }
}

/**
 * Whether an entry has reached the platform balance a creator withdraws from: gifts and rewards
 * when recorded, commissions once settled. Deal payments and other income are paid to the
 * creator directly and never sit in the platform balance.
 */
export function inPlatformBalance(entry: LedgerEntry): boolean {
  if (entry.kind === 'gift' || entry.kind === 'reward') return true
  if (entry.kind === 'commission') return entry.settlement === 'settled'
  return false
}
