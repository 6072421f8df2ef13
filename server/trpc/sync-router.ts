import { TRPCError } from '@trpc/server'
import { scopeEquals } from '../../shared/auth/access-scope'
import { accessScope, can, type AccessScope } from '../../shared/auth/permissions'
import type { CollectionName } from '../../shared/data/collection-contract'
import { collections } from '../../shared/data/registry'
import {
  fetchInputSchema,
  pullInputSchema,
  pushInputSchema,
  streamInputSchema,
  type FetchOutput,
  type PushOutput,
  type StreamEvent,
} from '../../shared/sync/protocol'
import { isSessionLive } from '../auth/sessions'
import { currentSeq, readMasters } from '../sync/documents'
import { latestReadableSeq } from '../sync/latest-seq'
import { pullDocuments } from '../sync/pull'
import { pushDocuments } from '../sync/push'
import { wakeups } from '../sync/wakeups'
import type { Context } from './context'
import { requireMember, type Procedures } from './procedures'
import { requireProtocol } from './protocol-version'

async function readScope(ctx: Context, workspaceId: string, collection: CollectionName) {
  const member = await requireMember(ctx, workspaceId)
  return { member, scope: accessScope(member, 'read', collection) }
}

const accountOf = (doc: Record<string, unknown>) => ({
  accountId: typeof doc['accountId'] === 'string' ? doc['accountId'] : null,
})

export function createSyncRouter({ router, authedProcedure }: Procedures) {
  const syncProcedure = authedProcedure.use(({ ctx, next }) => {
    requireProtocol(ctx)
    return next()
  })
  return router({
    /**
     * Documents after a checkpoint, filtered to what the member may read now; an access change
     * since the checkpoint adds the documents that became readable and purge orders for those
     * that did not stay readable (server/sync/pull.ts).
     */
    pull: syncProcedure.input(pullInputSchema).query(async ({ ctx, input }) => {
      const { scope } = await readScope(ctx, input.workspaceId, input.collection)
      return pullDocuments(ctx.services.database.db, {
        workspaceId: input.workspaceId,
        collection: input.collection,
        checkpoint: input.checkpoint,
        limit: input.limit,
        scope,
        seen: input.seen,
      })
    }),

    /** Per-document verdicts: written, conflict (with the stored copy), or refused with a reason. */
    push: syncProcedure.input(pushInputSchema).mutation(async ({ ctx, input }) => {
      const actor = await requireMember(ctx, input.workspaceId)
      const { services } = ctx
      const result = await pushDocuments(services.database, {
        workspaceId: input.workspaceId,
        definition: collections[input.collection],
        rows: input.rows,
        actor,
      })
      if (result.committedSeq !== null) {
        services.bus.publish({
          type: 'commit',
          workspaceId: input.workspaceId,
          collections: [input.collection],
          seq: result.committedSeq,
        })
      }
      const output: PushOutput = {
        conflicts: result.conflicts,
        refused: result.refused,
        seq: result.committedSeq,
      }
      return output
    }),

    /**
     * The current copies of some documents, for a client discarding a refused change: only those
     * the member may read; an id missing from the answer is gone or no longer theirs to see.
     */
    fetch: syncProcedure.input(fetchInputSchema).query(async ({ ctx, input }) => {
      const member = await requireMember(ctx, input.workspaceId)
      const masters = await readMasters(
        ctx.services.database.db,
        input.workspaceId,
        input.collection,
        input.ids,
      )
      const output: FetchOutput = {
        documents: [...masters.values()]
          .map((m) => m.data)
          .filter((doc) => can(member, 'read', input.collection, accountOf(doc))),
      }
      return output
    }),

    /**
     * One stream per workspace: RESYNC on every (re)connect, then `{ collection, seq }` after a
     * commit that touched documents the member may read; the client pulls. The session and
     * membership are re-checked on access changes and periodically: a revoked or expired session
     * ends the stream (UNAUTHORIZED), a member removed or a workspace deleted ends it with a reason
     * to purge, and a changed access scope sends RESYNC so every collection pulls its fill.
     */
    stream: syncProcedure.input(streamInputSchema).subscription(async function* ({
      ctx,
      input,
      signal,
    }): AsyncGenerator<StreamEvent> {
      const { services } = ctx
      const { db } = services.database
      const wanted = [...new Set(input.collections)]
      const scopes = new Map<CollectionName, AccessScope>()
      /** Reloads the member's scopes; true when any of them changed. */
      const refreshScopes = async () => {
        let changed = false
        for (const collection of wanted) {
          const { scope } = await readScope(ctx, input.workspaceId, collection)
          const before = scopes.get(collection)
          if (before && !scopeEquals(before, scope)) changed = true
          scopes.set(collection, scope)
        }
        return changed
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
          if (await refreshScopes()) {
            yield 'RESYNC'
            const now = await currentSeq(db, input.workspaceId)
            for (const c of wanted) cursors.set(c, now)
            continue
          }
        }
        // After a commit only the collections it touched; after a re-check all of them, since a
        // missed notification costs at most one re-check period.
        const look =
          wakeup.reason === 'commit' ? wanted.filter((c) => wakeup.collections.has(c)) : wanted
        for (const collection of look) {
          const after = cursors.get(collection) ?? start
          const seq = await latestReadableSeq(db, {
            workspaceId: input.workspaceId,
            collection,
            afterSeq: after,
            scope: scopes.get(collection) ?? { kind: 'none' },
          })
          if (seq === null) continue
          cursors.set(collection, seq)
          yield { collection, seq }
        }
      }
    }),
  })
}
