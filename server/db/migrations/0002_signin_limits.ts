import type { Kysely, Migration } from 'kysely'

/**
 * Sign-in limits live in the database, not in a process's memory, so that several server
 * instances on one PostgreSQL share them (an attacker gains nothing by spreading attempts over
 * instances) and a restart does not forgive a locked account. One row per limited subject:
 * `scope` is 'account' (a normalised email, known or not) or 'address' (a client address; an
 * IPv6 /64). Same columns on SQLite and PostgreSQL.
 */
export function signinLimitsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('signin_limits')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        // Failures since the subject was last quiet for the scope's forgetting period.
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
        .addColumn('locked_until', 'bigint')
        .addPrimaryKeyConstraint('signin_limits_pk', ['scope', 'subject'])
        .execute()
      // Pruning reads "rows quiet since T".
      await db.schema
        .createIndex('signin_limits_last_failure')
        .on('signin_limits')
        .column('last_failure_at')
        .execute()
    },
  }
}
