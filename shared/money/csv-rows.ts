import type { LedgerEntryDoc } from '../data/registry'
import type { EarningsSettings } from './earnings-settings'
import { decimalString } from './money'
import { entryValue, STREAM_LABELS, streamOf } from './streams'

export const CSV_COLUMNS = [
  'date',
  'account',
  'stream',
  'kind',
  'amount',
  'currency',
  'diamonds',
  'settlement',
  'source',
  'order_id',
  'live_session_id',
  'note',
  'entry_id',
] as const

export type CsvRow = Record<(typeof CSV_COLUMNS)[number], string>

/**
 * A spreadsheet opens a cell starting with = + - @ (or tab/CR) as a formula: prefix a quote so a
 * note or handle can never run as one on the accountant's machine (OWASP CSV injection).
 */
export function safeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/**
 * One row per entry for an accountant: the amount as exact decimal text in the entry's own
 * currency (gifts at the workspace's diamond rate, a refunded commission as 0 with its state),
 * payouts negative.
 */
export function csvRows(
  entries: readonly LedgerEntryDoc[],
  settings: EarningsSettings,
  accountOf: (accountId: string) => { handle: string; region: string | null } | undefined,
): CsvRow[] {
  const sorted = [...entries].sort(
    (a, b) => a.occurredAt - b.occurredAt || a.id.localeCompare(b.id),
  )
  return sorted.map((e) => {
    const account = accountOf(e.accountId)
    const value = entryValue(e, settings, account?.region ?? null)
    const stream = streamOf(e.kind)
    const signed = stream === null ? -value.minor : value.minor
    return {
      date: new Date(e.occurredAt).toISOString().slice(0, 10),
      account: safeCell(account ? `@${account.handle}` : e.accountId),
      stream: stream === null ? 'Payout' : STREAM_LABELS[stream],
      kind: e.kind,
      amount: decimalString(signed, value.currency),
      currency: value.currency,
      diamonds: e.diamonds === null ? '' : String(e.diamonds),
      settlement: e.settlement ?? '',
      source: e.source,
      order_id: safeCell(e.refs.orderId ?? ''),
      live_session_id: safeCell(e.refs.liveSessionId ?? ''),
      note: safeCell(e.note ?? ''),
      entry_id: e.id,
    }
  })
}
