import type { DealDoc } from '../../../shared/data/registry'
import { dealSchema } from '../../../shared/data/collections/deals'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema'
import { fromJsonColumn } from '../../db/values'
import { asRecord } from '../../sync/documents'
import type { WorkspaceWrite } from '../../sync/workspace-write'
import type { EventOf } from '../events'
import {
  brandOffer,
  dealId,
  expiredDeal,
  invitationDeal,
  withBrandAnswer,
  withBrandOffer,
} from './deal-docs'
import type { IngestContext } from './to-docs'

export type DealEvent =
  | EventOf<'brand.invitation'>
  | EventOf<'brand.counter_offer'>
  | EventOf<'brand.offer_accepted'>
  | EventOf<'brand.offer_declined'>

/**
 * Brand invitations and counter-offers → deals, then every open invitation of the account past
 * its 7 days is marked expired. New deals are created; a stored deal (which people edit) only
 * gains the brand's offers and the expiry. Returns how many deals were written.
 */
export async function ingestDealEvents(
  w: WorkspaceWrite,
  ctx: IngestContext,
  events: readonly DealEvent[],
): Promise<number> {
  const ids = events.map((e) =>
    e.type === 'brand.invitation'
      ? dealId(ctx, e.invitationId, e.occurredAt)
      : dealId(ctx, e.invitationId, e.invitedAt),
  )
  const stored = await w.read('deals', ids)
  const deals = new Map<string, DealDoc>()
  const known = (id: string): DealDoc | undefined => {
    const fresh = deals.get(id)
    if (fresh) return fresh
    const parsed = dealSchema.safeParse(stored.get(id))
    return parsed.success ? parsed.data : undefined
  }
  for (const event of events) {
    if (event.type === 'brand.invitation') {
      const id = dealId(ctx, event.invitationId, event.occurredAt)
      if (!known(id)) deals.set(id, invitationDeal(ctx, event))
    } else if (event.type === 'brand.counter_offer') {
      const deal = known(dealId(ctx, event.invitationId, event.invitedAt))
      const next = deal && withBrandOffer(deal, brandOffer(ctx, event), ctx.now)
      if (next) deals.set(next.id, next)
    } else {
      const deal = known(dealId(ctx, event.invitationId, event.invitedAt))
      const next = deal && withBrandAnswer(deal, event, ctx.now)
      if (next) deals.set(next.id, next)
    }
  }
  for (const deal of await openInvitations(w.trx, ctx)) {
    const next = expiredDeal(deals.get(deal.id) ?? deal, ctx.now)
    if (next) deals.set(next.id, next)
  }
  for (const [id, deal] of deals) {
    const next = expiredDeal(deal, ctx.now)
    if (next) deals.set(id, next)
  }
  await w.write('deals', [...deals.values()])
  return deals.size
}

/**
 * Whether an invitation of the account is past its 7 days at `ctx.now`: an event poll that
 * brought nothing new still takes the write lock then, to mark it expired.
 */
export async function invitationsDue(trx: Kysely<DB>, ctx: IngestContext): Promise<boolean> {
  return anyInvitationDue(await openInvitations(trx, ctx), ctx.now)
}

/** Whether one of these open invitations is past its 7 days at `now`. */
export function anyInvitationDue(open: readonly DealDoc[], now: number): boolean {
  return open.some((d) => d.invitation !== null && d.invitation.expiresAt <= now)
}

/** The account's deals still at the invitation stage (few: they expire within a week). */
async function openInvitations(trx: Kysely<DB>, ctx: IngestContext): Promise<DealDoc[]> {
  const rows = await trx
    .selectFrom('documents')
    .select(['data'])
    .where('workspace_id', '=', ctx.workspaceId)
    .where('account_id', '=', ctx.accountId)
    .where('collection', '=', 'deals')
    .where('deleted', '=', 0)
    .execute()
  const out: DealDoc[] = []
  for (const row of rows) {
    const parsed = dealSchema.safeParse(asRecord(fromJsonColumn(row.data)))
    if (parsed.success && parsed.data.state === 'invitation') out.push(parsed.data)
  }
  return out
}
