import type { Kysely } from 'kysely'
import type { AccessScope } from '../../shared/auth/permissions'
import type { DB } from '../db/schema'
import { toNumber } from '../db/values'

/**
 * The highest seq after `afterSeq` among a collection's documents the member may read, or null:
 * what an open stream needs to decide whether to tell its client to pull (one aggregate query,
 * no documents read).
 */
export async function latestReadableSeq(
  db: Kysely<DB>,
  request: { workspaceId: string; collection: string; afterSeq: number; scope: AccessScope },
): Promise<number | null> {
  const { scope } = request
  if (scope.kind === 'none' || (scope.kind === 'accounts' && scope.accountIds.length === 0))
    return null
  let query = db
    .selectFrom('documents')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('workspace_id', '=', request.workspaceId)
    .where('collection', '=', request.collection)
    .where('seq', '>', request.afterSeq)
  if (scope.kind === 'accounts') query = query.where('account_id', 'in', scope.accountIds)
  const row = await query.executeTakeFirst()
  return row?.seq === null || row?.seq === undefined ? null : toNumber(row.seq)
}
