import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { currency, docId, minorAmount, text, timestamp } from '../../shared/data/fields'
import { workspaceIdSchema } from '../../shared/sync/protocol'
import { recordDealPayment } from '../deals/record-payment'
import { requireMember, type Procedures } from './procedures'

/** A payment may be dated up to a day ahead (time zones), never further. */
const FUTURE_SLACK_MS = 86_400_000

/**
 * Deal actions that write more than the deal itself. Everything else about a deal (offers,
 * stages, messages) travels by replication and is judged by the pipeline rule on push.
 */
export function createDealsRouter({ router, authedProcedure }: Procedures) {
  return router({
    recordPayment: authedProcedure
      .input(
        z.strictObject({
          workspaceId: workspaceIdSchema,
          dealId: docId,
          amountMinor: minorAmount.min(1, 'enter the amount that arrived'),
          currency,
          receivedAt: timestamp,
          note: text(500),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const member = await requireMember(ctx, input.workspaceId)
        const now = Date.now()
        if (input.receivedAt > now + FUTURE_SLACK_MS)
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: 'the payment date is in the future',
          })
        return recordDealPayment(ctx.services.database, ctx.services.bus, member, input, now)
      }),
  })
}
