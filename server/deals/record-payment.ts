import { TRPCError } from '@trpc/server'
import { can } from '../../shared/auth/permissions'
import { dealSchema, type DealDoc } from '../../shared/data/collections/deals'
import type { LedgerEntryDoc } from '../../shared/data/registry'
import { whyNotMove } from '../../shared/deals/pipeline'
import type { Database } from '../db/connect'
import { stableDocId } from '../platforms/ingest/stable-id'
import type { ChangeBus } from '../sync/change-bus'
import { withWorkspaceWrite } from '../sync/workspace-write'
import type { Member } from '../workspaces/members'
import { EMPTY_DETAIL } from '../../shared/data/collections/ledger'

export interface PaymentInput {
  workspaceId: string
  dealId: string
  amountMinor: number
  currency: string
  receivedAt: number
  note: string
}

const refuse = (message: string) => new TRPCError({ code: 'FORBIDDEN', message })

/** The deal's payment entry: one per deal, so recording it twice names the same entry. */
export function dealPaymentEntryId(deal: Pick<DealDoc, 'id' | 'accountId'>, at: number): string {
  return stableDocId(deal.accountId, `deal-payment:${deal.id}`, at)
}

/**
 * A posted deal is paid: in one workspace write the deal moves to `paid` (with who and when in
 * its history, and what arrived) and its `deal_payment` ledger entry is written, so Earnings
 * shows the money the moment the deal says paid. Only members who may write both the deal and
 * the account's ledger record payments.
 */
export async function recordDealPayment(
  database: Database,
  bus: ChangeBus,
  member: Member,
  input: PaymentInput,
  now: number,
): Promise<{ dealId: string; ledgerEntryId: string }> {
  return withWorkspaceWrite(database, bus, input.workspaceId, async (w) => {
    const stored = (await w.read('deals', [input.dealId])).get(input.dealId)
    const parsed = dealSchema.safeParse(stored)
    // The same answer for a deal that does not exist and one the member may not see.
    if (!parsed.success || parsed.data._deleted || !can(member, 'read', 'deals', parsed.data))
      throw new TRPCError({ code: 'NOT_FOUND', message: 'there is no such deal' })
    const deal = parsed.data
    if (!can(member, 'write', 'deals', deal) || !can(member, 'write', 'ledger', deal))
      throw refuse(`your role (${member.role}) cannot record payments for this account`)
    const why = whyNotMove(deal.state, 'paid', 'member', deal.invitation?.expiresAt)
    if (why) throw refuse(why)
    const entryId = dealPaymentEntryId(deal, deal.history[0]?.at ?? 0)
    const who = { kind: 'user' as const, userId: member.userId, name: member.displayName }
    const paid: DealDoc = {
      ...deal,
      state: 'paid',
      payment: {
        amountMinor: input.amountMinor,
        currency: input.currency,
        receivedAt: input.receivedAt,
      },
      history: [
        ...deal.history.slice(-99),
        {
          id: stableDocId(deal.accountId, `deal-paid:${deal.id}`, now),
          from: deal.state,
          to: 'paid',
          at: now,
          by: who,
          note: input.note,
        },
      ],
      updatedAt: Math.max(now, deal.updatedAt + 1),
    }
    const entry: LedgerEntryDoc = {
      id: entryId,
      workspaceId: deal.workspaceId,
      accountId: deal.accountId,
      updatedAt: now,
      _deleted: false,
      kind: 'deal_payment',
      amountMinor: input.amountMinor,
      currency: input.currency,
      diamonds: null,
      settlement: null,
      occurredAt: input.receivedAt,
      source: 'manual',
      detail: { ...EMPTY_DETAIL },
      refs: {
        postId: deal.deliverables.find((d) => d.postId !== null)?.postId ?? null,
        dealId: deal.id,
        productId: null,
        orderId: null,
        liveSessionId: null,
        externalId: null,
      },
      note: `${deal.brand}: ${deal.title || 'brand deal'}`.slice(0, 1000),
    }
    await w.write('deals', [paid])
    await w.write('ledger', [entry])
    return { dealId: deal.id, ledgerEntryId: entryId }
  })
}
