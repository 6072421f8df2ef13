import { TZDate } from '@date-fns/tz'
import { addDays, addWeeks, format, startOfDay, startOfMonth, startOfWeek } from 'date-fns'

/**
 * Wall-clock time in an IANA zone, whatever the machine's or the server's TZ: a post scheduled
 * for 09:00 Europe/Berlin is an instant computed in Berlin's rules (CET or CEST on that day),
 * and moving it by days keeps 09:00 Berlin time across a DST change.
 */
export function toZonedInput(at: number, zone: string): string {
  return format(new TZDate(at, zone), "yyyy-MM-dd'T'HH:mm")
}

const INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/** The instant of a `datetime-local` value read in `zone`; null when it is not a time. */
export function fromZonedInput(value: string, zone: string): number | null {
  const m = INPUT.exec(value)
  if (!m) return null
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null
  const date = new TZDate(y, mo - 1, d, h, mi, zone)
  // 31 February rolls over into March: not a date anyone typed.
  if (date.getDate() !== d) return null
  const at = date.getTime()
  return Number.isFinite(at) ? at : null
}

/** The same wall-clock time `days` later in `zone` (a calendar drag by days). */
export function moveByDays(at: number, zone: string, days: number): number {
  return addDays(new TZDate(at, zone), days).getTime()
}

/** Day starts (instants) of the week holding `at` in `zone`, Monday first. */
export function weekDays(at: number, zone: string): number[] {
  const first = startOfWeek(new TZDate(at, zone), { weekStartsOn: 1 })
  return Array.from({ length: 7 }, (_, i) => startOfDay(addDays(first, i)).getTime())
}

/** Day starts of the 6-week grid showing the month of `at` in `zone`. */
export function monthGrid(at: number, zone: string): number[] {
  const first = startOfWeek(startOfMonth(new TZDate(at, zone)), { weekStartsOn: 1 })
  return Array.from({ length: 42 }, (_, i) => startOfDay(addDays(first, i)).getTime())
}

export function shiftWeeks(at: number, zone: string, weeks: number): number {
  return addWeeks(new TZDate(at, zone), weeks).getTime()
}

/** "yyyy-MM-dd" of the instant in `zone` (a calendar cell's key). */
export function dayKey(at: number, zone: string): string {
  return format(new TZDate(at, zone), 'yyyy-MM-dd')
}

export function formatIn(at: number, zone: string, pattern: string): string {
  return format(new TZDate(at, zone), pattern)
}

/** How long the viewer's zone is reused before the machine is asked again. */
const VIEWER_ZONE_TTL_MS = 60_000
let viewer: { zone: string; at: number } | null = null

/**
 * The viewer's own zone (the machine's). Asked of the machine at most once a minute: creating
 * the `Intl.DateTimeFormat` that tells it costs 2–25 ms, and pages ask on every render (an
 * analytics account switch spent that much here); a zone changed by travel shows within a minute.
 */
export function viewerZone(now: number = Date.now()): string {
  if (viewer === null || now - viewer.at > VIEWER_ZONE_TTL_MS || now < viewer.at)
    viewer = { zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', at: now }
  return viewer.zone
}
