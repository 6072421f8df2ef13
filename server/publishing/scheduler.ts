import { sql, type Kysely } from 'kysely'
import type { PostDoc } from '../../shared/data/collections/posts'
import { createLogger } from '../../shared/logger'
import type { Database } from '../db/connect'
import type { DB } from '../db/schema'
import { fromJsonColumn } from '../db/values'
import { enqueueIfAbsent } from '../jobs/queue'
import type { JobRunner } from '../jobs/runner'
import type { ChangeBus } from '../sync/change-bus'
import { PUBLISH_JOB, publishDedupeKey, type PublishPayload } from './publish-job'

const log = createLogger('publish-scheduler')

/** When a released post is due: its scheduled time, or at once when it has none. */
export function dueAt(post: PostDoc): number | null {
  if (!post.release || post._deleted) return null
  if (post.publish.state === 'published') return null
  // This release was taken up by its job already (running, or stopped with a reason shown).
  if (post.publish.releaseAt === post.release.at) return null
  return post.scheduledAt ?? post.release.at
}

async function releasedPosts(database: Database, workspaceId: string | null): Promise<PostDoc[]> {
  // Released, and this release not yet taken up by a job (the job writes `publish.releaseAt`
  // when it starts): posts already being published are not scanned again on each state write.
  const released =
    database.dialect === 'postgres'
      ? sql<boolean>`(data->'release'->>'at') is not null
          and (data->'publish'->>'releaseAt') is distinct from (data->'release'->>'at')
          and (data->'publish'->>'state') <> 'published'`
      : sql<boolean>`json_extract(data, '$.release.at') is not null
          and json_extract(data, '$.publish.releaseAt') is not json_extract(data, '$.release.at')
          and json_extract(data, '$.publish.state') <> 'published'`
  let query = database.db
    .selectFrom('documents')
    .select(['data'])
    .where('collection', '=', 'posts')
    .where('deleted', '=', 0)
    .where(released)
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId)
  const rows = await query.execute()
  return rows.map((r) => fromJsonColumn(r.data) as PostDoc)
}

/** Makes sure every released, unfinished post has its publish job, due at its time. */
export async function schedulePosts(
  db: Kysely<DB>,
  posts: readonly PostDoc[],
  now: number,
): Promise<number> {
  let n = 0
  for (const post of posts) {
    const at = dueAt(post)
    if (at === null || !post.release) continue
    const payload: PublishPayload = {
      workspaceId: post.workspaceId,
      accountId: post.accountId,
      postId: post.id,
      releaseAt: post.release.at,
      scheduledAt: post.scheduledAt,
    }
    await enqueueIfAbsent(
      db,
      {
        kind: PUBLISH_JOB,
        payload,
        runAt: at,
        // One job per release and time: a reschedule is a new job, the old one finds it stale.
        dedupeKey: publishDedupeKey(post.id, post.release.at, post.scheduledAt),
        workspaceId: post.workspaceId,
        accountId: post.accountId,
        maxAttempts: 20,
      },
      now,
    )
    n += 1
  }
  return n
}

/**
 * Watches commits of posts and keeps publish jobs in step with them (a post released, moved or
 * retried). Jobs are durable: a server started later finds them in the queue, and this scan at
 * start covers posts released while no server ran a scheduler.
 */
export function startPublishScheduler(options: {
  database: Database
  bus: ChangeBus
  runner: JobRunner
  now: () => number
}): () => void {
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> = Promise.resolve()
  const scan = (workspaceId: string | null) => {
    running = running
      .then(async () => {
        const posts = await releasedPosts(options.database, workspaceId)
        if ((await schedulePosts(options.database.db, posts, options.now())) > 0)
          options.runner.wake()
      })
      .catch((error: unknown) => log.error('publish scan failed', { error: String(error) }))
  }
  const flush = () => {
    timer = null
    for (const id of pending) scan(id)
    pending.clear()
  }
  const stop = options.bus.subscribe((event) => {
    if (event.type !== 'commit' || !event.collections.includes('posts')) return
    pending.add(event.workspaceId)
    timer ??= setTimeout(flush, 50)
  })
  scan(null)
  return () => {
    stop()
    if (timer) clearTimeout(timer)
  }
}
