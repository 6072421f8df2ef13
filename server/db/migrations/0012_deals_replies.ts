import type { Kysely, Migration } from 'kysely'

/**
 * Replies to brands (issue 13): what the team sends to a brand through the platform.
 * - `deal_replies`: the server's outbox record, one row per reply (a creator's counter-offer or a
 *   message to the brand) — inserted once when the reply is first seen, so its send job is
 *   enqueued once however often the workspace is scanned; `state` is how the last send went.
 * - `sandbox_deal_replies`: the sandbox platform's own record of the replies it received (its
 *   brands answer them, deterministically, from the account's seed and this row).
 */
export function dealsRepliesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('deal_replies')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('reply_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('deal_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('deal_replies_pk', ['workspace_id', 'reply_id'])
        .execute()
      await db.schema
        .createTable('sandbox_deal_replies')
        .addColumn('account_key', 'text', (c) => c.notNull())
        .addColumn('reply_id', 'text', (c) => c.notNull())
        .addColumn('invitation_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount_minor', 'bigint')
        .addColumn('currency', 'text')
        .addColumn('payment_terms', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('sandbox_deal_replies_pk', ['account_key', 'reply_id'])
        .execute()
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('sandbox_deal_replies').execute()
      await db.schema.dropTable('deal_replies').execute()
    },
  }
}
