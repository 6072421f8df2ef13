import type { Kysely, Migration } from 'kysely'

/**
 * Publishing at the platform's pace (issue 10): a rate-limit slot may be reserved ahead, for a
 * publish job waiting its turn. `starts_at` is when the reserved request may go out (null: a
 * request slot taken at once, as before). Reservations keep one account's posts in order and let
 * a waiting job sleep in the queue, due at its slot, instead of holding a runner slot.
 */
export function publishPerfMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('rate_limit_slots').addColumn('starts_at', 'bigint').execute()
    },
  }
}
