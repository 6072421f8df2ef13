import type { EarningsSettings } from './earnings-settings'
import { addTo, type CurrencyTotals } from './money'
import { entryValue, inPlatformBalance, streamOf, type LedgerEntry, type Stream } from './streams'

const DAY_MS = 86_400_000

export type StreamTotals = Record<Stream, number>

export function emptyStreams(): StreamTotals {
  return { gifts: 0, rewards: 0, commissions: 0, deals: 0, other: 0 }
}

export interface MonthRow {
  /** "YYYY-MM" (UTC). */
  month: string
  currency: string
  streams: StreamTotals
  /** Sum of `streams`. */
  income: number
  payouts: number
  /** Commissions recorded but not settled yet (part of `income`). */
  pending: number
}

export interface Rollup {
  /** One row per month and currency that has any entry, oldest first. */
  months: MonthRow[]
  /** Income per currency over everything rolled up. */
  income: CurrencyTotals
  /** Income per currency since 1 January of `now`'s year. */
  yearToDate: CurrencyTotals
  /** Platform balance not yet paid out: gifts, rewards and settled commissions − payouts. */
  balance: CurrencyTotals
  payouts: CurrencyTotals
  pending: CurrencyTotals
  entries: number
}

/** Month keys by UTC day number: formatting a date per entry dominated the roll-up's time. */
const monthOfDay = new Map<number, string>()

/** "YYYY-MM" of a timestamp (UTC). */
export function monthKey(t: number): string {
  const day = Math.floor(t / DAY_MS)
  let key = monthOfDay.get(day)
  if (key === undefined) {
    key = new Date(day * DAY_MS).toISOString().slice(0, 7)
    if (monthOfDay.size > 100_000) monthOfDay.clear()
    monthOfDay.set(day, key)
  }
  return key
}

/**
 * Every total of the earnings views in one pass over the entries (the month view and the year
 * roll-up both read this). `regionOf` gives an account's region for its diamond rate.
 */
export function rollup(
  entries: Iterable<LedgerEntry>,
  settings: EarningsSettings,
  regionOf: (accountId: string) => string | null,
  now: number,
): Rollup {
  // month → currency → row: no per-entry string building.
  const rows = new Map<string, Map<string, MonthRow>>()
  const result: Rollup = {
    months: [],
    income: {},
    yearToDate: {},
    balance: {},
    payouts: {},
    pending: {},
    entries: 0,
  }
  const yearStart = Date.UTC(new Date(now).getUTCFullYear(), 0, 1)
  const regions = new Map<string, string | null>()
  for (const entry of entries) {
    result.entries++
    let region = regions.get(entry.accountId)
    if (region === undefined) {
      region = regionOf(entry.accountId)
      regions.set(entry.accountId, region)
    }
    const value = entryValue(entry, settings, region)
    const month = monthKey(entry.occurredAt)
    let byCurrency = rows.get(month)
    if (!byCurrency) {
      byCurrency = new Map()
      rows.set(month, byCurrency)
    }
    let row = byCurrency.get(value.currency)
    if (!row) {
      row = {
        month,
        currency: value.currency,
        streams: emptyStreams(),
        income: 0,
        payouts: 0,
        pending: 0,
      }
      byCurrency.set(value.currency, row)
    }
    const stream = streamOf(entry.kind)
    if (stream === null) {
      row.payouts += value.minor
      addTo(result.payouts, value.currency, value.minor)
      addTo(result.balance, value.currency, -value.minor)
      continue
    }
    row.streams[stream] += value.minor
    row.income += value.minor
    addTo(result.income, value.currency, value.minor)
    if (entry.occurredAt >= yearStart && entry.occurredAt <= now)
      addTo(result.yearToDate, value.currency, value.minor)
    if (inPlatformBalance(entry)) addTo(result.balance, value.currency, value.minor)
    if (entry.kind === 'commission' && entry.settlement === 'not_settled') {
      row.pending += value.minor
      addTo(result.pending, value.currency, value.minor)
    }
  }
  result.months = [...rows.values()]
    .flatMap((m) => [...m.values()])
    .sort((a, b) =>
      a.month === b.month ? a.currency.localeCompare(b.currency) : a.month.localeCompare(b.month),
    )
  return result
}

/**
 * This month's income at its pace so far: (income to date ÷ days elapsed) × days in the month.
 * Null before a full day has passed (no pace to project from).
 */
export function monthEstimate(row: MonthRow | undefined, now: number): number | null {
  if (!row) return null
  const d = new Date(now)
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
  const elapsedDays = (now - start) / DAY_MS
  if (elapsedDays < 1) return null
  return Math.round((row.income / elapsedDays) * ((end - start) / DAY_MS))
}

/** Months in order between two "YYYY-MM" keys, inclusive (so the chart has no gaps). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  const [ty, tm] = to.split('-').map(Number) as [number, number]
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m === 13) {
      m = 1
      y++
    }
    if (out.length > 1200) break
  }
  return out
}
