import { format } from 'date-fns'
import type { CriterionResult } from '../../../shared/eligibility/evaluate'

/**
 * A projection as a sentence: "At your last 30 days' pace: 10,000 followers around 14 January"
 * (the year added when it is not this one), or "Not at this pace" with the trend.
 */
export function projectionText(c: CriterionResult, now: number): string | null {
  const p = c.projection
  if (!p || typeof c.threshold !== 'number') return null
  const target = `${c.threshold.toLocaleString('en-US')} ${c.unit}`
  if (p.kind === 'no_data')
    return `No trend yet: ${target} cannot be projected without 30 days of history.`
  if (p.kind === 'not_at_this_pace') {
    const trend = p.perDay < 0 ? 'falling' : p.perDay === 0 ? 'flat' : 'growing too slowly'
    return `Not at this pace: ${c.unit} are ${trend} over the last 30 days.`
  }
  const sameYear = new Date(p.at).getUTCFullYear() === new Date(now).getUTCFullYear()
  // Dates are UTC days throughout the ledger and metrics: format the UTC calendar day.
  const d = new Date(p.at)
  const local = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
  return `At your last 30 days' pace: ${target} around ${format(local, sameYear ? 'd MMMM' : 'd MMMM yyyy')}`
}
