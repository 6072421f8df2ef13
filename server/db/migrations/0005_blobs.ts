import { sql, type Kysely, type Migration } from 'kysely'
import type { Dialect } from '../connect'

/**
 * Blob storage (server/blobs): the content-addressed objects, which workspace holds which, who
 * may read them (grants by collection and account), uploads in progress, and each workspace's
 * storage settings. The bytes live in the data folder; these tables say what they are.
 *
 * Also the `projects` collection's schema version 1 (the editor's trash): every stored project
 * gets `trashedAt: null`, as clients' RxDB migration strategy does, so both sides hold the same
 * document and pushes of old projects keep validating.
 */
export function blobsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === 'postgres') {
        await sql`update documents set data = data || '{"trashedAt": null}'::jsonb
          where collection = 'projects' and not (data ? 'trashedAt')`.execute(db)
      } else {
        await sql`update documents set data = json_set(data, '$.trashedAt', json('null'))
          where collection = 'projects' and json_type(data, '$.trashedAt') is null`.execute(db)
      }

      // One row per stored object file (objects are shared by workspaces holding the same bytes).
      await db.schema
        .createTable('blob_objects')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()

      // A workspace's blobs: what its quota counts and what garbage collection looks at.
      await db.schema
        .createTable('workspace_blobs')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('workspace_blobs_pk', ['workspace_id', 'sha256'])
        .execute()

      // Who may read a blob: members who may read `collection` documents of `account_id`
      // ('' = the shared library, which creator-role members cannot read).
      await db.schema
        .createTable('blob_grants')
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('blob_grants_pk', [
          'workspace_id',
          'sha256',
          'collection',
          'account_id',
        ])
        .execute()

      await db.schema
        .createTable('blob_uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workspace_id', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('collection', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        // Bytes made durable (fsynced) so far: a resumed upload continues from here.
        .addColumn('received', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createIndex('blob_uploads_resume')
        .on('blob_uploads')
        .columns(['workspace_id', 'created_by', 'sha256'])
        .execute()

      await db.schema
        .createTable('workspace_storage')
        .addColumn('workspace_id', 'text', (c) => c.primaryKey())
        .addColumn('keep_originals_local', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute()
    },
  }
}
