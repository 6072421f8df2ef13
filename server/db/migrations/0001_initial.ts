import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../connect'

/**
 * The whole schema in one migration for both dialects. Only the document payload differs:
 * `jsonb` on PostgreSQL (queryable, but it reorders keys — compare parsed values, never text),
 * `text` on SQLite. Timestamps are epoch milliseconds in `bigint` columns.
 */
export function initialMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('user_agent', 'text')
        .addColumn('ip', 'text')
        .execute()
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

      await db.schema
        .createTable('workspaces')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('memberships')
        .addColumn('workspace_id', 'text', (c) =>
          c.notNull().references('workspaces.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('account_ids', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['workspace_id', 'user_id'])
        .execute()
      await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute()

      await db.schema
        .createTable('invites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) =>
          c.notNull().references('workspaces.id').onDelete('cascade'),
        )
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('account_ids', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('used_by', 'text')
        .execute()

      await db.schema
        .createTable('audit_log')
        .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_user_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('audit_log_workspace')
        .on('audit_log')
        .columns(['workspace_id', 'id'])
        .execute()

      await db.schema
        .createTable('documents')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text')
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? sql`jsonb` : 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        // Ids are scoped by workspace so one workspace can never claim or probe another's ids.
        .addPrimaryKeyConstraint('documents_pk', ['workspace_id', 'collection', 'id'])
        .execute()
      // Pull reads "this collection of this workspace after seq N, in seq order".
      await db.schema
        .createIndex('documents_pull')
        .on('documents')
        .columns(['workspace_id', 'collection', 'seq'])
        .execute()
      await db.schema
        .createIndex('documents_seq')
        .on('documents')
        .columns(['workspace_id', 'seq'])
        .unique()
        .execute()

      // One counter row per workspace, locked by every push: seqs are gap-free and commit-ordered.
      await db.schema
        .createTable('workspace_seq')
        .addColumn('workspace_id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .execute()
    },
  }
}
