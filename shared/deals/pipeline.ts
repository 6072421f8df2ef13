import { DEAL_STAGES, type DealStage } from '../data/collections/deals'

export { DEAL_STAGES, type DealStage }

/**
 * Who moves a deal: a workspace member (pushing an edit), the brand (its answer arrives through
 * the platform connector) or the system (an invitation nobody answered expires).
 */
export type Mover = 'member' | 'brand' | 'system'

/**
 * The deal pipeline as one table: for each stage, the stages it may move to and who may move it
 * there. The server's push path refuses any other move (shared/workflow/deal-transitions.ts),
 * the connector's ingest and the expiry job use the same table, and the UI offers only these.
 * Declined, expired, cancelled and paid are ends. A brand's own counter-offer to an unanswered
 * invitation leaves it an invitation: only the creator's answer stops the 7-day clock.
 */
export const DEAL_MOVES: Readonly<
  Record<DealStage, Readonly<Partial<Record<DealStage, readonly Mover[]>>>>
> = {
  invitation: {
    negotiating: ['member'],
    contracted: ['member'],
    declined: ['member'],
    expired: ['system'],
    cancelled: ['brand'],
  },
  negotiating: {
    contracted: ['member', 'brand'],
    // The creator turns the brand down, or the brand turns the creator's counter-offer down.
    declined: ['member', 'brand'],
    cancelled: ['member', 'brand'],
  },
  contracted: { in_production: ['member'], cancelled: ['member', 'brand'] },
  in_production: { draft_submitted: ['member'], cancelled: ['member', 'brand'] },
  draft_submitted: {
    brand_approved: ['member', 'brand'],
    // The brand asked for changes.
    in_production: ['member', 'brand'],
    cancelled: ['member', 'brand'],
  },
  brand_approved: { posted: ['member'], in_production: ['member'], cancelled: ['member', 'brand'] },
  posted: { paid: ['member'] },
  paid: {},
  declined: {},
  expired: {},
  cancelled: {},
}

/** The way through the pipeline when all goes well, in order. */
export const PIPELINE_STAGES = [
  'invitation',
  'negotiating',
  'contracted',
  'in_production',
  'draft_submitted',
  'brand_approved',
  'posted',
  'paid',
] as const satisfies readonly DealStage[]

export const CLOSED_STAGES: readonly DealStage[] = ['paid', 'declined', 'expired', 'cancelled']
/** Stages where the terms are still being discussed (offers may be added). */
export const OPEN_TERMS_STAGES: readonly DealStage[] = ['invitation', 'negotiating']
/** Stages in which the deal is agreed and running (its exclusivity and deadlines apply). */
export const ACTIVE_STAGES: readonly DealStage[] = [
  'contracted',
  'in_production',
  'draft_submitted',
  'brand_approved',
  'posted',
]

export const STAGE_LABELS: Readonly<Record<DealStage, string>> = {
  invitation: 'Invitation',
  negotiating: 'Negotiating',
  contracted: 'Contracted',
  in_production: 'In production',
  draft_submitted: 'Draft submitted',
  brand_approved: 'Brand approved',
  posted: 'Posted',
  paid: 'Paid',
  declined: 'Declined',
  expired: 'Expired',
  cancelled: 'Cancelled',
}

export function isClosed(stage: DealStage): boolean {
  return CLOSED_STAGES.includes(stage)
}

export function canMove(from: DealStage, to: DealStage, mover: Mover): boolean {
  return DEAL_MOVES[from][to]?.includes(mover) ?? false
}

/** Stages a member may record a new deal at: any but `expired`, which only the system sets. */
export function canCreateAt(stage: DealStage): boolean {
  return stage !== 'expired'
}

/** Where a member can take a deal from `from`, in pipeline order. */
export function memberMoves(from: DealStage): DealStage[] {
  return DEAL_STAGES.filter((to) => canMove(from, to, 'member'))
}

/**
 * Why a move is not allowed, in words for the person who tried it (null when it is allowed).
 * `expiresAt` lets an answer to an expired invitation say when it expired.
 */
export function whyNotMove(
  from: DealStage,
  to: DealStage,
  mover: Mover,
  expiresAt?: number | null,
): string | null {
  if (canMove(from, to, mover)) return null
  const label = (s: DealStage) => STAGE_LABELS[s].toLowerCase()
  if (from === 'expired') {
    const when = expiresAt ? ` on ${new Date(expiresAt).toISOString().slice(0, 10)}` : ''
    return `this invitation expired${when} without an answer; it can no longer be answered`
  }
  if (isClosed(from)) return `the deal is ${label(from)}: it cannot move any more`
  if (canMove(from, to, 'brand') || canMove(from, to, 'system')) {
    return to === 'expired'
      ? 'only Reeldesk marks an invitation expired, 7 days after it arrived unanswered'
      : `only the brand can move a deal from ${label(from)} to ${label(to)}`
  }
  const allowed = memberMoves(from).map(label)
  return `a deal cannot move from ${label(from)} to ${label(to)}${
    allowed.length ? ` (from ${label(from)} it can go to ${allowed.join(', ')})` : ''
  }`
}
