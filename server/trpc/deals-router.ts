import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { currency, docId, minorAmount, text, timestamp } from '../../shared/data/fields'
import { workspaceIdSchema } from '../../shared/sync/protocol'
import { retryBrandReply } from '../deals/brand-replies'
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
    /** Sends a message to the brand again after its send failed (the reason stays shown till then). */
    retryReply: authedProcedure
      .input(z.strictObject({ workspaceId: workspaceIdSchema, messageId: docId }))
      .mutation(async ({ ctx, input }) => {
        const member = await requireMember(ctx, input.workspaceId)
        const { platform } = ctx.services
        await retryBrandReply(
          ctx.services.database,
          ctx.services.bus,
          member,
          input,
          platform.clock.now(),
        )
        platform.runner.wake()
        return { queued: true }
      }),
  })
}
