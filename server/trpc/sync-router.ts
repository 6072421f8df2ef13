import { TRPCError } from '@trpc/server'
import { accessScope, can, type AccessScope } from '../../shared/auth/permissions'
import type { CollectionName } from '../../shared/data/collection-contract'
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

async function readableScope(
  ctx: Context,
  workspaceId: string,
  collection: keyof typeof collections,
) {
  const member = await requireMember(ctx, workspaceId)
  const scope = accessScope(member, 'read', collection)
  if (scope.kind === 'none')
    throw new TRPCError({ code: 'FORBIDDEN', message: `your role cannot read ${collection}` })
  return { member, scope }
}

function writeCheck(member: Member, collection: keyof typeof collections) {
  return (
    next: Record<string, unknown>,
    master: Record<string, unknown> | undefined,
  ): string | null => {
    const docOf = (d: Record<string, unknown>) => ({
      accountId: typeof d['accountId'] === 'string' ? d['accountId'] : null,
    })
    // A creator may neither write outside their accounts nor move another account's document in.
    if (
      !can(member, 'write', collection, docOf(next)) ||
      (master && !can(member, 'write', collection, docOf(master)))
    ) {
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
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `your role (${member.role}) cannot write ${input.collection}`,
        })
      }
      const { services } = ctx
      const result = await pushDocuments(services.database, {
        workspaceId: input.workspaceId,
        definition: collections[input.collection],
        rows: input.rows,
        mayWrite: writeCheck(member, input.collection),
      })
      if (result.committedSeq !== null) {
        services.bus.publish({
          type: 'commit',
          workspaceId: input.workspaceId,
          collections: [input.collection],
          seq: result.committedSeq,
        })
      }
      return result.conflicts
    }),

    /**
     * One stream per workspace: RESYNC on every (re)connect, then batches of each requested
     * collection after commits. The session and membership are re-checked on access changes and
     * periodically: a revoked or expired session, or a member removed, ends the stream with an
     * error instead of receiving more documents.
     */
    stream: authedProcedure.input(streamInputSchema).subscription(async function* ({
      ctx,
      input,
      signal,
    }): AsyncGenerator<StreamEvent> {
      const { services } = ctx
      const { db } = services.database
      const wanted = [...new Set(input.collections)]
      const scopes = new Map<CollectionName, AccessScope>()
      const refreshScopes = async () => {
        for (const collection of wanted)
          scopes.set(collection, (await readableScope(ctx, input.workspaceId, collection)).scope)
      }
      await refreshScopes()
      const stop = AbortSignal.any([signal ?? new AbortController().signal, services.shutdown])
      const start = await currentSeq(db, input.workspaceId)
      const cursors = new Map<CollectionName, number>(wanted.map((c) => [c, start]))
      yield 'RESYNC'
      for await (const wakeup of wakeups(
        services.bus,
        input.workspaceId,
        services.streamRecheckMs,
        stop,
      )) {
        if (wakeup.reason !== 'commit') {
          if (!(await isSessionLive(db, ctx.session.sessionId))) {
            throw new TRPCError({ code: 'UNAUTHORIZED', message: 'session expired or revoked' })
          }
          await refreshScopes()
        }
        // After a commit only the collections it touched; after a re-check all of them, since a
        // missed notification costs at most one re-check period.
        const look =
          wakeup.reason === 'commit' ? wanted.filter((c) => wakeup.collections.has(c)) : wanted
        for (const collection of look) {
          for (;;) {
            const afterSeq = cursors.get(collection) ?? start
            const scope = scopes.get(collection) ?? { kind: 'none' as const }
            const batch = await pullDocuments(db, {
              workspaceId: input.workspaceId,
              collection,
              afterSeq,
              limit: MAX_PULL_LIMIT,
              scope,
            })
            cursors.set(collection, Math.max(afterSeq, batch.checkpoint.seq))
            if (batch.documents.length) yield { collection, ...batch }
            if (batch.documents.length < MAX_PULL_LIMIT) break
          }
        }
      }
    }),
  })
}
