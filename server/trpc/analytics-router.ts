import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { can } from '../../shared/auth/permissions'
import { calendarDate, count, docId } from '../../shared/data/fields'
import { workspaceIdSchema } from '../../shared/sync/protocol'
import { importAccountDays } from '../analytics/import-days'
import { requireMember, type Procedures } from './procedures'

/** Ten years of days: more than any download holds, small enough to write in one go. */
export const MAX_IMPORT_DAYS = 3_660

const importDay = z.strictObject({
  date: calendarDate,
  views: count.optional(),
  likes: count.optional(),
  comments: count.optional(),
  shares: count.optional(),
  saves: count.optional(),
  profileViews: count.optional(),
  watchTimeMs: count.optional(),
  followers: count.optional(),
})

/**
 * Analytics procedures. Metrics stay server-owned: an imported file reaches the workspace only
 * through here, checked (who may import, which account, every value) and written in one go.
 */
export function createAnalyticsRouter({ router, authedProcedure }: Procedures) {
  return router({
    importDays: authedProcedure
      .input(
        z.strictObject({
          workspaceId: workspaceIdSchema,
          accountId: docId,
          days: z
            .array(importDay)
            .min(1)
            .max(MAX_IMPORT_DAYS)
            .refine((days) => new Set(days.map((d) => d.date)).size === days.length, {
              message: 'each day may appear only once',
            }),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        const member = await requireMember(ctx, input.workspaceId)
        if (!can(member, 'manageAccounts'))
          throw new TRPCError({
            code: 'FORBIDDEN',
            message: `your role (${member.role}) cannot import analytics; ask an owner or manager`,
          })
        const result = await importAccountDays(ctx.services, input, Date.now())
        if (!result)
          throw new TRPCError({
            code: 'NOT_FOUND',
            message: 'that account is not in this workspace',
          })
        return result
      }),
  })
}
