import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Tables of the platform layer (issue 9): durable jobs, platform links with their encrypted
 * tokens, pending OAuth logins, request slots of the per-token rate limiter, and the sandbox
 * platform's record of videos published through it. Times are epoch ms in bigint columns.
 */
export function platformMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        // At most one queued/running/paused job per key (partial unique index below): enqueueing
        // the same work twice while it is pending gives back the pending job.
        .addColumn('dedupe_key', 'text')
        .addColumn('workspace_id', 'text')
        .addColumn('account_id', 'text')
        // JSON text in both dialects (never queried inside; a jsonb string would come back parsed).
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('run_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('max_attempts', 'integer', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('result', 'text')
        .addColumn('checkpoint', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .execute()
      // Claiming reads "queued and due, or running with an expired lease", oldest due first.
      await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute()
      await db.schema
        .createIndex('jobs_active_key')
        .on('jobs')
        .column('dedupe_key')
        .unique()
        .where(sql.ref('state'), 'in', ['queued', 'running', 'paused'])
        .execute()
      await db.schema
        .createIndex('jobs_account')
        .on('jobs')
        .columns(['account_id', 'state'])
        .execute()

      await db.schema
        .createTable('platform_links')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('platform_account_id', 'text', (c) => c.notNull())
        // linked | needs_reconnect | unlinked
        .addColumn('state', 'text', (c) => c.notNull())
        // AES-256-GCM sealed JSON of the token set; never leaves the server.
        .addColumn('tokens_sealed', 'text')
        .addColumn('access_expires_at', 'bigint')
        .addColumn('refresh_expires_at', 'bigint')
        .addColumn('scopes', 'text', (c) => c.notNull())
        // Where the business-event feed was read up to (opaque to everything but the connector).
        .addColumn('event_cursor', 'text')
        .addColumn('linked_at', 'bigint', (c) => c.notNull())
        .addColumn('last_synced_at', 'bigint')
        .addColumn('problem', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('platform_links_pk', ['workspace_id', 'account_id'])
        .execute()
      await db.schema
        .createIndex('platform_links_remote')
        .on('platform_links')
        .columns(['workspace_id', 'platform', 'platform_account_id'])
        .execute()

      await db.schema
        .createTable('oauth_logins')
        .addColumn('state_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('client', 'text', (c) => c.notNull())
        .addColumn('redirect_uri', 'text', (c) => c.notNull())
        // The PKCE verifier, sealed like tokens.
        .addColumn('verifier_sealed', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute()

      await db.schema
        .createTable('rate_limit_slots')
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        // When the request may have reached the platform: from before it was sent until its
        // answer came back. A slot counts against the window until `ends_at` + window.
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('rate_limit_slots_pk', ['bucket', 'id'])
        .execute()
      await db.schema
        .createIndex('rate_limit_slots_time')
        .on('rate_limit_slots')
        .columns(['bucket', 'ends_at'])
        .execute()
      // One row per bucket, locked while a slot is taken so instances take turns.
      await db.schema
        .createTable('rate_limit_buckets')
        .addColumn('bucket', 'text', (c) => c.primaryKey())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()

      await db.schema
        .createTable('sandbox_publishes')
        .addColumn('account_key', 'text', (c) => c.notNull())
        .addColumn('publish_id', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('duration_sec', 'integer', (c) => c.notNull())
        .addColumn('video_size', 'bigint', (c) => c.notNull())
        .addColumn('uploaded_bytes', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('completed_at', 'bigint')
        .addColumn('post_id', 'text')
        .addPrimaryKeyConstraint('sandbox_publishes_pk', ['account_key', 'publish_id'])
        .execute()
    },
  }
}
