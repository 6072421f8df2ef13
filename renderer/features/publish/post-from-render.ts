import type { RxCollection } from 'rxdb'
import { uuidv7 } from '../../../shared/data/ids'
import type { MediaDoc, PostDoc, ProjectDoc } from '../../../shared/data/registry'
import { newPost } from '../../../shared/publishing/post-status'
import type { TransferQueue } from '../../transfers/transfer-queue'
import { attachPostVideo, postVideoOf } from './post-video-upload'

export type PostFromRender = { ok: true; post: PostDoc } | { ok: false; problems: string[] }

/**
 * "Publish…" on a finished export: the render becomes a library item of the project's account
 * (uploading at once, resumable), and a new draft post carries it, its cover at the frame the
 * person picked in the export panel or the default one.
 */
export async function postFromRender(
  render: { mp4: Blob; fileName: string; coverMs: number | null },
  project: Pick<ProjectDoc, 'id' | 'workspaceId' | 'accountId'>,
  deps: {
    media: RxCollection<MediaDoc>
    posts: RxCollection<PostDoc>
    queue: TransferQueue
    now?: () => number
  },
): Promise<PostFromRender> {
  const file = new File([render.mp4], render.fileName, { type: 'video/mp4' })
  const attached = await attachPostVideo(
    file,
    { workspaceId: project.workspaceId, accountId: project.accountId },
    null,
    deps,
  )
  if (!attached.ok) return attached
  const video = postVideoOf(attached.media)
  const durationMs = video.video?.durationMs ?? 0
  const post: PostDoc = {
    ...newPost({
      id: uuidv7(),
      workspaceId: project.workspaceId,
      accountId: project.accountId,
      now: (deps.now ?? Date.now)(),
    }),
    ...video,
    projectId: project.id,
    coverMs:
      render.coverMs !== null ? Math.min(Math.max(0, render.coverMs), durationMs) : video.coverMs,
  }
  await deps.posts.insert(post)
  return { ok: true, post }
}
