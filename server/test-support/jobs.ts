import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { jobFromRow, type Job } from '../jobs/queue'

/** A job's stored row, for tests that watch a job's state from outside the runner. */
export async function getJob(db: Kysely<DB>, id: string): Promise<Job | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? jobFromRow(row) : null
}
