import type { Kysely } from 'kysely'
import type { AccessScope } from '../../shared/auth/permissions'
import type { CollectionName } from '../../shared/data/collection-contract'
import type { PullOutput } from '../../shared/sync/protocol'
import type { DB } from '../db/schema'
import { readAfter } from './documents'

export interface PullRequest {
  workspaceId: string
  collection: CollectionName
  afterSeq: number
  limit: number
  /** What the member may read (permissions.accessScope); 'none' is refused before this. */
  scope: AccessScope
}

/**
 * Up to `limit` documents after `afterSeq`, in seq order, and the checkpoint to resume from.
 * The scope filter runs in SQL, so a batch is only short when nothing visible remains (RxDB
 * reads a short batch as "caught up"). Seqs are per workspace, so a collection's seqs have gaps
 * where other collections were written: harmless, the checkpoint only needs to be monotonic.
 */
export async function pullDocuments(db: Kysely<DB>, request: PullRequest): Promise<PullOutput> {
  if (request.scope.kind === 'none') return { documents: [], checkpoint: { seq: request.afterSeq } }
  const accountIds = request.scope.kind === 'accounts' ? request.scope.accountIds : undefined
  const rows = await readAfter(
    db,
    request.workspaceId,
    request.collection,
    request.afterSeq,
    request.limit,
    accountIds,
  )
  const last = rows[rows.length - 1]
  return {
    documents: rows.map((r) => r.data),
    checkpoint: { seq: last ? last.seq : request.afterSeq },
  }
}
