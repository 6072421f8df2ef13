import type { Kysely } from 'kysely'
import type { PostDoc, PublishState } from '../../shared/data/collections/posts'
import type { DB } from '../db/schema'
import { readMasters } from '../sync/documents'
import type { WorkspaceWrite } from '../sync/workspace-write'

export async function readPost(
  db: Kysely<DB>,
  workspaceId: string,
  postId: string,
): Promise<PostDoc | null> {
  const found = (await readMasters(db, workspaceId, 'posts', [postId])).get(postId)
  return found ? (found.data as unknown as PostDoc) : null
}

/**
 * Writes the post's server-owned publish state (everything else stays as the members left it),
 * only while the post still carries the release this job serves: a newer release (a retry, a
 * reschedule) owns the state from then on. Returns false when the post moved on.
 */
export async function patchPublish(
  w: WorkspaceWrite,
  postId: string,
  releaseAt: number,
  patch: Partial<PublishState>,
  now: number,
): Promise<boolean> {
  const stored = (await w.read('posts', [postId])).get(postId)
  if (!stored) return false
  const post = stored as unknown as PostDoc
  if (post._deleted || post.release?.at !== releaseAt) return false
  const publish: PublishState = { ...post.publish, ...patch, releaseAt, updatedAt: now }
  // Later than the member's last edit, so a client merging this change sees it as the newer one.
  await w.write('posts', [{ ...post, publish, updatedAt: Math.max(now, post.updatedAt + 1) }])
  return true
}
