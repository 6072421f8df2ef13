import { TRPCError } from '@trpc/server'
import { accessScope, can } from '../../shared/auth/permissions'
import { collections } from '../../shared/data/registry'
import {
  MAX_PULL_LIMIT,
  pullInputSchema,
  pushInputSchema,
  streamInputSchema,
  type StreamEvent,
} from '../../shared/sync/protocol'
import { isSessionLive } from '../auth/sessions'
import { currentSeq } from '../sync/documents'
import { pullDocuments } from '../sync/pull'
import { pushDocuments } from '../sync/push'
import { wakeups } from '../sync/wakeups'
import type { Member } from '../workspaces/members'
import type { Context } from './context'
import { requireMember, type Procedures } from './procedures'

async function readableScope(ctx: Context, workspaceId: string, collection: keyof typeof collections) {
  const member = await requireMember(ctx, workspaceId)
  const scope = accessScope(member, 'read', collection)
  if (scope.kind === 'none') throw new TRPCError({ code: 'FORBIDDEN', message: `your role cannot read ${collection}` })
  return { member, scope }
}

function writeCheck(member: Member, collection: keyof typeof collections) {
  return (next: Record<string, unknown>, master: Record<string, unknown> | undefined): string | null => {
    const docOf = (d: Record<string, unknown>) => ({ accountId: typeof d['accountId'] === 'string' ? d['accountId'] : null })
    // A creator may neither write outside their accounts nor move another account's document in.
    if (!can(member, 'write', collection, docOf(next)) || (master && !can(member, 'write', collection, docOf(master)))) {
      return `document ${String(next['id'])}: your role (${member.role}) cannot write this ${collection} document`
    }
    return null
  }
}

export function createSyncRouter({ router, authedProcedure }: Procedures) {
  return router({
    pull: authedProcedure.input(pullInputSchema).query(async ({ ctx, input }) => {
      const { scope } = await readableScope(ctx, input.workspaceId, input.collection)
      return pullDocuments(ctx.services.database.db, {
        workspaceId: input.workspaceId,
        collection: input.collection,
        afterSeq: input.checkpoint?.seq ?? 0,
        limit: input.limit,
        scope,
      })
    }),

    push: authedProcedure.input(pushInputSchema).mutation(async ({ ctx, input }) => {
      const member = await requireMember(ctx, input.workspaceId)
      if (!can(member, 'write', input.collection)) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `your role (${member.role}) cannot write ${input.collection}` })
      }
      const { services } = ctx
      const result = await pushDocuments(services.database, {
        workspaceId: input.workspaceId,
        definition: collections[input.collection],
        rows: input.rows,
        mayWrite: writeCheck(member, input.collection),
      })
      if (result.committedSeq !== null) {
        services.bus.publish({ type: 'commit', workspaceId: input.workspaceId, collections: [input.collection], seq: result.committedSeq })
      }
      return result.conflicts
    }),

    /**
     * RESYNC on every (re)connect, then batches after commits. The session and membership are
     * re-checked on access changes and periodically: a revoked or expired session, or a member
     * removed, ends the stream with an error instead of receiving more documents.
     */
    stream: authedProcedure.input(streamInputSchema).subscription(async function* ({ ctx, input, signal }): AsyncGenerator<StreamEvent> {
      const { services } = ctx
      const { db } = services.database
      let { scope } = await readableScope(ctx, input.workspaceId, input.collection)
      const stop = AbortSignal.any([signal ?? new AbortController().signal, services.shutdown])
      let cursor = await currentSeq(db, input.workspaceId)
      yield 'RESYNC'
      for await (const reason of wakeups(services.bus, input.workspaceId, services.streamRecheckMs, stop)) {
        if (reason !== 'commit') {
          if (!(await isSessionLive(db, ctx.session.sessionId))) {
            throw new TRPCError({ code: 'UNAUTHORIZED', message: 'session expired or revoked' })
          }
          ;({ scope } = await readableScope(ctx, input.workspaceId, input.collection))
          // Fall through and look for documents too: a missed notification costs one re-check period.
        }
        for (;;) {
          const batch = await pullDocuments(db, { workspaceId: input.workspaceId, collection: input.collection, afterSeq: cursor, limit: MAX_PULL_LIMIT, scope })
          cursor = Math.max(cursor, batch.checkpoint.seq)
          if (batch.documents.length) yield batch
          if (batch.documents.length < MAX_PULL_LIMIT) break
        }
      }
    }),
  })
}
