import type { Kysely, Migration } from 'kysely'

/**
 * Deleted workspaces keep their row (with `deleted_at`) so that members' devices that come back
 * later are told "this workspace was deleted" and purge their copy, instead of "not a member".
 */
export const workspaceLifecycleMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('workspaces').addColumn('deleted_at', 'bigint').execute()
  },
}
