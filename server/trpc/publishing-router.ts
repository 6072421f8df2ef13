import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { can } from '../../shared/auth/permissions'
import { docId } from '../../shared/data/fields'
import { workspaceIdSchema } from '../../shared/sync/protocol'
import { PlatformError } from '../platforms/errors'
import { loadLink } from '../platforms/links'
import { connectorFor, withCredentials } from '../platforms/services'
import { recentActivity } from '../publishing/recent-activity'
import type { Procedures } from './procedures'
import { requireMember } from './procedures'

const accountInput = z.strictObject({
  workspaceId: workspaceIdSchema,
  accountId: docId,
  /** The post being composed (left out of the recent-activity counts). */
  postId: docId.nullable(),
})

/**
 * What the composer needs from the platform, fetched by the server (tokens never leave it):
 * creator info right now (nickname, avatar, privacy options, disabled interactions, maximum
 * duration, whether the account may post) and the account's recent posting, for the checks.
 */
export function createPublishingRouter({ router, authedProcedure }: Procedures) {
  return router({
    creatorInfo: authedProcedure.input(accountInput).query(async ({ ctx, input }) => {
      const member = await requireMember(ctx, input.workspaceId)
      if (!can(member, 'write', 'posts', { accountId: input.accountId }))
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `your role (${member.role}) cannot post for this account`,
        })
      const platform = ctx.services.platform
      const key = { workspaceId: input.workspaceId, accountId: input.accountId }
      const link = await loadLink(platform.database.db, platform.vault, key)
      if (!link?.tokens) return { linked: false as const }
      try {
        const connector = connectorFor(platform, link.platform)
        const info = await withCredentials(platform, key, (c) => connector.creatorInfo(c))
        const recent = await recentActivity(
          platform.database.db,
          input.workspaceId,
          input.accountId,
          input.postId ?? '',
          platform.clock.now(),
        )
        return {
          linked: true as const,
          platform: link.platform,
          appAudited: connector.capabilities.audited,
          creator: info,
          recent,
        }
      } catch (error) {
        if (error instanceof PlatformError)
          throw new TRPCError({ code: 'BAD_GATEWAY', message: error.message })
        throw error
      }
    }),
  })
}
