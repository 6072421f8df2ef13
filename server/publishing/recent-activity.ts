import type { Kysely } from 'kysely'
import type { PostDoc } from '../../shared/data/collections/posts'
import {
  DAILY_POST_CAP,
  PENDING_INBOX_DRAFTS,
  SHOP_PILOT_QUOTA,
} from '../../shared/publishing/publish-facts'
import type { DB } from '../db/schema'
import { fromJsonColumn } from '../db/values'
import { toNumber } from '../db/values'

/** What the account published lately, for the daily cap, inbox drafts and shop quota checks. */
export async function recentActivity(
  db: Kysely<DB>,
  workspaceId: string,
  accountId: string,
  exceptPostId: string,
  now: number,
) {
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'data'])
    .where('workspace_id', '=', workspaceId)
    .where('collection', '=', 'posts')
    .where('account_id', '=', accountId)
    .where('deleted', '=', 0)
    .execute()
  const out = { directPostsLastDay: 0, inboxDraftsLastDay: 0, shoppableLastWeek: 0 }
  for (const row of rows) {
    if (row.id === exceptPostId) continue
    const post = fromJsonColumn(row.data) as PostDoc
    const at = post.publish?.publishedAt
    if (post.publish?.state !== 'published' || at === null || at === undefined) continue
    const age = now - toNumber(at)
    if (post.mode === 'inbox' && age < PENDING_INBOX_DRAFTS.windowMs) out.inboxDraftsLastDay += 1
    if (post.mode !== 'inbox' && age < DAILY_POST_CAP.windowMs) out.directPostsLastDay += 1
    if (post.productTags.length > 0 && age < SHOP_PILOT_QUOTA.windowMs) out.shoppableLastWeek += 1
  }
  return out
}
