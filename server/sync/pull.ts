import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely'
import {
  normalizeScope,
  scopeContains,
  scopeEquals,
  scopeIntersection,
  scopeUnion,
} from '../../shared/auth/access-scope'
import type { AccessScope } from '../../shared/auth/permissions'
import type { CollectionName } from '../../shared/data/collection-contract'
import type { Checkpoint, PullOutput } from '../../shared/sync/protocol'
import type { DB } from '../db/schema'
import { reasonedError } from '../trpc/reasoned-error'
import { asRecord, currentSeq } from './documents'
import { fromJsonColumn, toNumber } from '../db/values'

export interface PullRequest {
  workspaceId: string
  collection: CollectionName
  checkpoint: Checkpoint | null
  limit: number
  /** What the member may read now (permissions.accessScope). */
  scope: AccessScope
  /** The highest seq the client has had from this server (protocol `seen`). */
  seen?: number | undefined
}

type Eb = ExpressionBuilder<DB, 'documents'>

/** SQL for "the document's account is inside `scope`" (documents without an account: only 'all'). */
function inScope(eb: Eb, scope: AccessScope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`
  if (scope.kind === 'none' || scope.accountIds.length === 0) return sql<SqlBool>`1 = 0`
  return eb.and([eb('account_id', 'is not', null), eb('account_id', 'in', scope.accountIds)])
}

interface Row {
  id: string
  seq: number
  accountId: string | null
  data: Record<string, unknown>
}

async function readRows(
  db: Kysely<DB>,
  request: PullRequest,
  range: { after: number; upTo?: number },
  where: (eb: Eb) => Expression<SqlBool>,
  limit: number,
): Promise<Row[]> {
  let query = db
    .selectFrom('documents')
    .select(['id', 'seq', 'account_id', 'data'])
    .where('workspace_id', '=', request.workspaceId)
    .where('collection', '=', request.collection)
    .where('seq', '>', range.after)
  if (range.upTo !== undefined) query = query.where('seq', '<=', range.upTo)
  const rows = await query.where(where).orderBy('seq').limit(limit).execute()
  return rows.map((r) => ({
    id: r.id,
    seq: toNumber(r.seq),
    accountId: r.account_id,
    data: asRecord(fromJsonColumn(r.data)),
  }))
}

/**
 * The fill an access change calls for, or undefined. A checkpoint records the scope its client
 * holds documents for; when the member's scope differs, documents up to the checkpoint whose
 * readability changed are walked once: newly readable ones are sent, no-longer-readable ones
 * purged. If the scope changes again in the middle of a fill, the client holds at least what both
 * scopes share with the old one and at most their union, so the walk restarts over that range.
 */
function fillFor(
  checkpoint: Checkpoint,
  scope: AccessScope,
): NonNullable<Checkpoint['fill']> | undefined {
  const held = checkpoint.scope
  // A checkpoint without a scope predates access-aware pulls: assume nothing changed.
  if (held === undefined || checkpoint.seq === 0) return checkpoint.fill ?? undefined
  if (scopeEquals(held, scope)) return checkpoint.fill ?? undefined
  if (!checkpoint.fill) return { has: held, may: held, after: 0 }
  return {
    has: scopeIntersection(checkpoint.fill.has, held),
    may: scopeUnion(checkpoint.fill.may, held),
    after: 0,
  }
}

/**
 * Up to `limit` entries after the checkpoint, in seq order, and the checkpoint to resume from.
 * The scope filter runs in SQL, so a batch is only short when nothing visible remains (RxDB reads
 * a short batch as "caught up"); purge ids count towards the limit. Seqs are per workspace, so a
 * collection's seqs have gaps where other collections were written: harmless, the checkpoint only
 * needs to be monotonic. A checkpoint ahead of the workspace's sequence (the server's database was
 * restored from a backup, or is another one) is refused with CHECKPOINT_AHEAD: the client starts
 * over and pushes back what the server lost.
 */
export async function pullDocuments(db: Kysely<DB>, request: PullRequest): Promise<PullOutput> {
  const scope = normalizeScope(request.scope)
  const start: Checkpoint = request.checkpoint ?? { seq: 0 }
  const claimed = Math.max(start.seq, request.seen ?? 0)
  if (claimed > 0 && claimed > (await currentSeq(db, request.workspaceId))) {
    throw reasonedError(
      'CONFLICT',
      'CHECKPOINT_AHEAD',
      'this device has seen changes the server no longer has: syncing again from the start',
    )
  }
  const documents: Record<string, unknown>[] = []
  const purge: string[] = []
  const fill = fillFor(start, scope)
  if (fill) {
    const { has, may } = fill
    const rows = await readRows(
      db,
      request,
      { after: fill.after, upTo: start.seq },
      (eb) =>
        eb.or([
          eb.and([inScope(eb, scope), eb.not(inScope(eb, has))]),
          eb.and([inScope(eb, may), eb.not(inScope(eb, scope))]),
        ]),
      request.limit,
    )
    for (const row of rows) {
      if (scopeContains(scope, row.accountId)) documents.push(row.data)
      else purge.push(row.id)
    }
    const last = rows[rows.length - 1]
    if (rows.length >= request.limit && last) {
      return {
        documents,
        purge,
        checkpoint: { seq: start.seq, scope, fill: { has, may, after: last.seq } },
      }
    }
  }
  const room = request.limit - documents.length - purge.length
  const rows =
    scope.kind === 'none' || room === 0
      ? []
      : await readRows(db, request, { after: start.seq }, (eb) => inScope(eb, scope), room)
  for (const row of rows) documents.push(row.data)
  const last = rows[rows.length - 1]
  const checkpoint: Checkpoint = { seq: last ? last.seq : start.seq, scope, fill: null }
  return purge.length ? { documents, purge, checkpoint } : { documents, checkpoint }
}
