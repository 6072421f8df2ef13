import type { Kysely } from 'kysely'
import type { DealDoc } from '../../shared/data/registry'
import { lockedCaptionOf } from '../../shared/deals/deadlines'
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
  return dealsLinkedTo(postId, await accountDeals(db, workspaceId, accountId)).length > 0
}

/** The caption an authorized Spark code for this post locked (see `lockedCaptionOf`). */
export async function lockedCaption(
  db: Kysely<DB>,
  workspaceId: string,
  accountId: string,
  postId: string,
  now: number,
): Promise<string | null> {
  return lockedCaptionOf(await accountDeals(db, workspaceId, accountId), postId, now)
}

async function accountDeals(
  db: Kysely<DB>,
  workspaceId: string,
  accountId: string,
): Promise<DealDoc[]> {
  const rows = await db
    .selectFrom('documents')
    .select(['data'])
    .where('workspace_id', '=', workspaceId)
    .where('collection', '=', 'deals')
    .where('account_id', '=', accountId)
    .where('deleted', '=', 0)
    .execute()
  return rows.map((row) => fromJsonColumn(row.data) as DealDoc)
}
