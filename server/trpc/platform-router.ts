import { randomBytes, randomUUID } from 'node:crypto'
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { can } from '../../shared/auth/permissions'
import { docId } from '../../shared/data/fields'
import { workspaceIdSchema } from '../../shared/sync/protocol'
import { signUp } from '../auth/accounts'
import { recordFailure } from '../auth/signin-store'
import { PlatformError } from '../platforms/errors'
import {
  beginLogin,
  checkRedirectUri,
  completeLogin,
  linkSandboxAccount,
  syncNow,
  unlinkAccount,
} from '../platforms/linking'
import { SANDBOX_PROFILES, SANDBOX_SIZES } from '../platforms/sandbox/profiles'
import type { Member } from '../workspaces/members'
import type { Context } from './context'
import { requireMember, type Procedures } from './procedures'

const forbidden = (message: string) => new TRPCError({ code: 'FORBIDDEN', message })

async function requireManager(ctx: Context, workspaceId: string): Promise<Member> {
  const member = await requireMember(ctx, workspaceId)
  if (!can(member, 'manageAccounts'))
    throw forbidden(`your role (${member.role}) cannot link or unlink platform accounts`)
  return member
}

/** A platform refusal reaches the person as a refusal with its explanation, never as a 500. */
async function platformCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof PlatformError)
      throw new TRPCError({ code: 'BAD_GATEWAY', message: error.message })
    throw error
  }
}

/**
 * Sandbox demos a single address may start before an hour without any: enough to try, too few
 * to fill a disk. Counted in the database, so several instances share the count.
 */
const DEMOS_PER_ADDRESS = 10
const DEMO_QUIET_MS = 60 * 60_000

const accountInput = z.strictObject({ workspaceId: workspaceIdSchema, accountId: docId })

/**
 * Linking creator accounts to platforms (OAuth with PKCE for TikTok, directly for the sandbox),
 * "Sync now", unlinking, and the sandbox demo offered on the sign-up screen. Tokens never leave
 * the server: no procedure returns one.
 */
export function createPlatformRouter({ router, publicProcedure, authedProcedure }: Procedures) {
  return router({
    options: authedProcedure.query(({ ctx }) => ({
      tiktok: ctx.services.platform.connectors.tiktok !== null,
      sandboxSizes: SANDBOX_SIZES.map((id) => ({ id, label: SANDBOX_PROFILES[id].label })),
    })),

    linkSandbox: authedProcedure
      .input(
        z.strictObject({
          workspaceId: workspaceIdSchema,
          size: z.enum(SANDBOX_SIZES),
          /** Fixes the simulation (demos and tests that need the same numbers twice). */
          seed: z.int().min(0).max(0xffffffff).optional(),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        await requireManager(ctx, input.workspaceId)
        return linkSandboxAccount(ctx.services.platform, input)
      }),

    beginLink: authedProcedure
      .input(
        z.strictObject({
          workspaceId: workspaceIdSchema,
          platform: z.literal('tiktok'),
          /** Reconnect this account; null links a new one. */
          accountId: docId.nullable(),
          client: z.enum(['desktop', 'web']),
          redirectUri: z.string().min(1).max(2048),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        await requireManager(ctx, input.workspaceId)
        const problem = checkRedirectUri(
          input.redirectUri,
          input.client,
          ctx.services.publicOrigins,
        )
        if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem })
        return beginLogin(ctx.services.platform, { ...input, userId: ctx.session.userId })
      }),

    completeLink: authedProcedure
      .input(
        z.strictObject({
          state: z.string().min(16).max(200),
          code: z.string().min(1).max(2048),
        }),
      )
      .mutation(({ ctx, input }) =>
        platformCall(() =>
          completeLogin(
            ctx.services.platform,
            { ...input, userId: ctx.session.userId },
            async (workspaceId) => void (await requireManager(ctx, workspaceId)),
          ),
        ),
      ),

    syncNow: authedProcedure.input(accountInput).mutation(async ({ ctx, input }) => {
      const member = await requireMember(ctx, input.workspaceId)
      if (!can(member, 'read', 'accounts', { accountId: input.accountId }))
        throw forbidden('you cannot see this account')
      return syncNow(ctx.services.platform, input)
    }),

    unlink: authedProcedure.input(accountInput).mutation(async ({ ctx, input }) => {
      await requireManager(ctx, input.workspaceId)
      await unlinkAccount(ctx.services.platform, input)
      return { ok: true as const }
    }),

    /**
     * "Try it with a sandbox account": a new user with a workspace and one linked sandbox
     * creator (12k followers, a year of history), signed in at once. The generated email cannot
     * be signed in to again: signing out ends the demo.
     */
    startSandboxDemo: publicProcedure
      .input(z.strictObject({}).optional())
      .mutation(async ({ ctx }) => {
        const ipKey = ctx.ip ?? 'unknown'
        const started = await recordFailure(
          ctx.services.database.db,
          'demo',
          ipKey,
          Date.now(),
          DEMO_QUIET_MS,
        )
        if (started > DEMOS_PER_ADDRESS)
          throw new TRPCError({
            code: 'TOO_MANY_REQUESTS',
            message: 'too many sandbox demos from this address: try again in an hour',
          })
        const result = await signUp(
          ctx.services,
          {
            email: `sandbox-${randomUUID()}@demo.reeldesk.invalid`,
            password: randomBytes(32).toString('base64url'),
            displayName: 'Sandbox demo',
          },
          { ip: ctx.ip, userAgent: ctx.userAgent },
        )
        const { accountId } = await linkSandboxAccount(ctx.services.platform, {
          workspaceId: result.personalWorkspaceId,
          size: '12k',
        })
        return {
          token: result.token,
          expiresAt: result.session.expiresAt,
          user: result.user,
          workspaceId: result.personalWorkspaceId,
          accountId,
        }
      }),
  })
}
