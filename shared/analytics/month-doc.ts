import {
  ACCOUNT_ONLY_MEASURES,
  POST_MEASURES,
  type Measure,
  type MetricDoc,
} from '../data/collections/metrics'

/**
 * Month documents (shared/data/collections/metrics.ts) as days: put a day's reading into its
 * slot, thin a post's old days to weekly, read a measure back as dated values. Pure, used by the
 * server's ingest, import and migration and by the client's views alike.
 */

const DAY_MS = 86_400_000

/** One day's cumulative counts; account-only measures absent or null on posts. */
export interface DayReading {
  date: string
  /** null: not known that day (an import without that column). */
  views: number | null
  likes: number | null
  comments: number | null
  shares: number | null
  saves: number | null
  watchTimeMs: number | null
  followers?: number | null
  profileViews?: number | null
}

export type MonthFields = Pick<MetricDoc, 'month' | Measure>

export function monthOf(date: string): string {
  return date.slice(0, 7)
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number)
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate()
}

export function dayIndex(date: string): number {
  return Number(date.slice(8, 10)) - 1
}

export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS)
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days)
}

export function emptyMonth(month: string, account: boolean): MonthFields {
  const days = daysInMonth(month)
  const slots = (): null[] => new Array<null>(days).fill(null)
  return {
    month,
    views: slots(),
    likes: slots(),
    comments: slots(),
    shares: slots(),
    saves: slots(),
    watchTimeMs: slots(),
    followers: account ? slots() : null,
    profileViews: account ? slots() : null,
  }
}

/** `fields` with each reading in its day's slot (a new object; the input is not changed). */
export function putDays(fields: MonthFields, list: readonly DayReading[]): MonthFields {
  const next: MonthFields = { ...fields }
  for (const m of POST_MEASURES) next[m] = [...fields[m]]
  for (const m of ACCOUNT_ONLY_MEASURES) next[m] = fields[m] === null ? null : [...fields[m]]
  for (const reading of list) {
    if (monthOf(reading.date) !== fields.month)
      throw new RangeError(`${reading.date} is not in ${fields.month}`)
    const i = dayIndex(reading.date)
    for (const m of POST_MEASURES) next[m][i] = reading[m]
    for (const m of ACCOUNT_ONLY_MEASURES) {
      const slots = next[m]
      if (slots) slots[i] = reading[m] ?? null
    }
  }
  return next
}

/** Days after publication for which a post keeps every day's counts; weekly after that. */
export const POST_DAILY_DAYS = 90

/**
 * Whether a post keeps its reading for `date`: every day of its first 90 days, then one day a
 * week (every 7th day after day 90), plus the month's latest reading (so tables show today's
 * counts, and re-reading an earlier day of the month thins to the same document).
 */
export function keepsPostDay(published: string, date: string, latest: string): boolean {
  const age = dayNumber(date) - dayNumber(published)
  if (date === latest || age < POST_DAILY_DAYS) return true
  return (age - POST_DAILY_DAYS) % 7 === 0
}

/** A post month with the days it does not keep emptied (see keepsPostDay). */
export function thinPostMonth(fields: MonthFields, published: string): MonthFields {
  const last = fields.views.reduce<number>((at, v, i) => (v === null ? at : i), -1)
  // keepsPostDay for each slot, with the day numbers counted from the month's first (a backfill
  // thins every post-month of a year: no date parsing per slot and measure).
  const first = dayNumber(`${fields.month}-01`)
  const publishedDay = dayNumber(published)
  const keep = fields.views.map((_, i) => {
    const age = first + i - publishedDay
    return i === last || age < POST_DAILY_DAYS || (age - POST_DAILY_DAYS) % 7 === 0
  })
  const next: MonthFields = { ...fields }
  for (const m of POST_MEASURES)
    next[m] = fields[m].map((v, i) => (v !== null && keep[i] ? v : null))
  return next
}

export interface DatedValue {
  date: string
  value: number
}

/** Every reading of `measure` in `docs` (any order), sorted by date. */
export function readings(docs: readonly MonthFields[], measure: Measure): DatedValue[] {
  const out: DatedValue[] = []
  for (const doc of [...docs].sort((a, b) => a.month.localeCompare(b.month))) {
    const slots = doc[measure]
    if (!slots) continue
    slots.forEach((value, i) => {
      if (value !== null)
        out.push({ date: `${doc.month}-${String(i + 1).padStart(2, '0')}`, value })
    })
  }
  return out
}
