import type { Kysely } from 'kysely'
import type { DealDoc } from '../../shared/data/registry'
import { dealsLinkedTo } from '../../shared/deals/disclosure'
import type { DB } from '../db/schema'
import { fromJsonColumn } from '../db/values'

/**
 * Whether a live deal of the account names this post as a deliverable's post (the deals area's
 * rule: a declined, expired or cancelled deal binds nothing).
 */
export async function linkedToDeal(
  db: Kysely<DB>,
  workspaceId: string,
  accountId: string,
  postId: string,
): Promise<boolean> {
  const rows = await db
    .selectFrom('documents')
    .select(['data'])
    .where('workspace_id', '=', workspaceId)
    .where('collection', '=', 'deals')
    .where('account_id', '=', accountId)
    .where('deleted', '=', 0)
    .execute()
  const deals = rows.map((row) => fromJsonColumn(row.data) as DealDoc)
  return dealsLinkedTo(postId, deals).length > 0
}
