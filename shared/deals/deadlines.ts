import type { DealDoc, SparkCode } from '../data/collections/deals'
import { isClosed } from './pipeline'
import { DAY_MS, REMINDER_LEADS_MS, SPARK_EXPIRY_WARNING_MS } from './deal-facts'

export type Urgency = 'overdue' | 'within2h' | 'within48h' | 'later'

export interface Deadline {
  dealId: string
  /** What is due, in words ("Main video due", "Invitation expires"). */
  label: string
  at: number
  urgency: Urgency
  /** The reminder this deadline has reached (48 h, then 2 h before), for notifications. */
  reminderKey: string | null
}

/** How close `at` is at `now`: past it, within 2 hours, within 48 hours, or later. */
export function urgencyOf(at: number, now: number): Urgency {
  const left = at - now
  if (left < 0) return 'overdue'
  const [long, short] = REMINDER_LEADS_MS
  if (left <= short) return 'within2h'
  if (left <= long) return 'within48h'
  return 'later'
}

/** When a Spark code stops working: issued + its duration. */
export function sparkExpiresAt(code: SparkCode): number {
  return code.issuedAt + code.durationDays * DAY_MS
}

export type SparkStatus = 'active' | 'expiring' | 'expired' | 'revoked'

export function sparkStatus(code: SparkCode, now: number): SparkStatus {
  if (code.revokedAt !== null && code.revokedAt <= now) return 'revoked'
  const end = sparkExpiresAt(code)
  if (end <= now) return 'expired'
  return end - now <= SPARK_EXPIRY_WARNING_MS ? 'expiring' : 'active'
}

/**
 * Every dated thing a deal still waits for: the invitation's expiry, unfinished deliverables,
 * the campaign deadline and Spark codes running out. Closed deals wait for nothing.
 */
export function dealDeadlines(deal: DealDoc, now: number): Deadline[] {
  if (isClosed(deal.state) || deal._deleted) return []
  const out: Deadline[] = []
  const add = (key: string, label: string, at: number) => {
    const urgency = urgencyOf(at, now)
    out.push({
      dealId: deal.id,
      label,
      at,
      urgency,
      reminderKey: urgency === 'later' ? null : `${deal.id}:${key}:${urgency}`,
    })
  }
  if (deal.state === 'invitation' && deal.invitation)
    add('invitation', 'Invitation expires', deal.invitation.expiresAt)
  for (const d of deal.deliverables)
    if (!d.done && d.dueAt !== null) add(`deliverable:${d.id}`, `${d.description} due`, d.dueAt)
  if (deal.dueAt !== null && deal.state !== 'posted') add('deal', 'Campaign deadline', deal.dueAt)
  for (const code of deal.sparkCodes) {
    const status = sparkStatus(code, now)
    if (status === 'active' || status === 'expiring')
      add(`spark:${code.id}`, `Spark code ${code.code} expires`, sparkExpiresAt(code))
  }
  return out.sort((a, b) => a.at - b.at)
}

/**
 * A caption edit on a post whose Spark code is authorized is locked on the platform (the caption
 * locks once authorized): the warning to show, or null.
 */
export function captionLockWarning(
  deals: readonly DealDoc[],
  postId: string,
  now: number,
): string | null {
  for (const deal of deals)
    for (const code of deal.sparkCodes)
      if (code.postId === postId && sparkStatus(code, now) !== 'revoked')
        if (sparkStatus(code, now) !== 'expired')
          return `This post's caption is locked while Spark code ${code.code} (${deal.brand}) is authorized: an edit will not reach the platform.`
  return null
}

/**
 * The caption the platform locked for this post: that of its authorized Spark code (the
 * pre-publish check stops a post whose caption differs). Null while no code with a known
 * caption is authorized for it.
 */
export function lockedCaptionOf(
  deals: readonly DealDoc[],
  postId: string,
  now: number,
): string | null {
  for (const deal of deals)
    for (const code of deal.sparkCodes) {
      if (code.postId !== postId || code.caption === null) continue
      const status = sparkStatus(code, now)
      if (status === 'active' || status === 'expiring') return code.caption
    }
  return null
}
