import { z } from 'zod'
import { MUSIC_LICENCES, type MusicLicence } from '../../shared/data/collections/media'
import type { PostDoc } from '../../shared/data/collections/posts'
import { docId, timestamp } from '../../shared/data/fields'
import { createLogger } from '../../shared/logger'
import { planChunks, type ChunkPlan } from '../../shared/platform/chunks'
import { PUBLISH_STATUS_POLL_MS, TIKTOK_RATE_LIMITS } from '../../shared/platform/tiktok-facts'
import { blocking, runChecks, type CheckInput } from '../../shared/publishing/checks'
import { musicLicenceOf } from '../../shared/publishing/music-licence'
import { PLATFORM_PRIVACY } from '../../shared/publishing/privacy'
import { RATE_LIMIT_WAIT_CODE } from '../../shared/publishing/post-status'
import { DAILY_POST_CAP } from '../../shared/publishing/publish-facts'
import type { BlobStore } from '../blobs/blob-store'
import { JobFailed, LeaseLost, RetryLater } from '../jobs/errors'
import { saveCheckpoint } from '../jobs/queue'
import type { JobContext, JobHandler } from '../jobs/runner'
import { PlatformError } from '../platforms/errors'
import { loadLink } from '../platforms/links'
import { connectorFor, withCredentials, type PlatformCore } from '../platforms/services'
import { readMasters } from '../sync/documents'
import { linkedToDeal, lockedCaption } from './linked-deal'
import { patchPublish, readPost } from './post-state'
import { initBucket, releaseInitSlot, takeInitSlot } from './init-slots'
import { recentActivity } from './recent-activity'

const log = createLogger('publish-job')

export const PUBLISH_JOB = 'publish.post'

/** Starting an upload, per token (PLATFORM-FACTS; every platform Reeldesk publishes to is TikTok's). */
const INIT_LIMITS = {
  direct: TIKTOK_RATE_LIMITS.directPostInit,
  inbox: TIKTOK_RATE_LIMITS.inboxInit,
} as const

/** Refusals that a later slot fixes (the platform's daily cap, or ours seen in creator info). */
const DAILY_LIMIT_CODES = new Set(['spam_risk_too_many_posts', 'posting_blocked'])

const payloadSchema = z.strictObject({
  workspaceId: docId,
  accountId: docId,
  postId: docId,
  /** The release this job carries out; a newer release of the same post is another job. */
  releaseAt: timestamp,
  /** The time it was due for; a post moved since is another job's. */
  scheduledAt: timestamp.nullable(),
})
export type PublishPayload = z.infer<typeof payloadSchema>

/** Progress a retry reads back: the platform upload already started (never started twice). */
const checkpointSchema = z.strictObject({
  publishId: z.string().min(1).max(200),
  uploadUrl: z.string().min(1).max(4000),
  plan: z.strictObject({
    videoSize: z.int().positive(),
    chunkSize: z.int().positive(),
    totalChunkCount: z.int().positive(),
  }),
})
type Checkpoint = z.infer<typeof checkpointSchema>

export function publishDedupeKey(
  postId: string,
  releaseAt: number,
  scheduledAt: number | null,
): string {
  return `publish:${postId}:${releaseAt}:${scheduledAt ?? 'now'}`
}

const hashOf = (ref: string) => ref.replace(/^sha256:/, '')

async function readRange(store: BlobStore, hash: string, start: number, end: number) {
  const parts: Buffer[] = []
  for await (const part of store.readObject(hash, { start, end: end - 1 }))
    parts.push(part as Buffer)
  return new Uint8Array(Buffer.concat(parts))
}

/**
 * Publishes one post's release, with the desktop closed:
 * 1. the post must still carry this release, be approved (when it was sent for approval) and
 *    not published; 2. creator info is fetched again and every pre-publish check runs again;
 * 3. the platform upload starts and its id is checkpointed before any byte is sent, so a
 *    server killed mid-publish resumes the same upload (asking the platform how far it got)
 *    instead of starting a second one; 4. chunks go in order from the blob store; 5. the status
 *    is polled every PUBLISH_STATUS_POLL_MS until the platform says published or failed.
 * Each step is written to the post's server-owned `publish` state, so every device sees it.
 */
export function publishJobHandler(core: PlatformCore, store: BlobStore): JobHandler {
  return {
    kind: PUBLISH_JOB,
    leaseMs: 120_000,
    async run(ctx) {
      const parsed = payloadSchema.safeParse(ctx.job.payload)
      if (!parsed.success) throw new JobFailed('the publish job payload is not valid')
      const p = parsed.data
      const now = () => ctx.clock.now()
      const state = (patch: Parameters<typeof patchPublish>[3], finish = false) =>
        ctx.write(
          p.workspaceId,
          (w) => patchPublish(w, p.postId, p.releaseAt, patch, now()),
          finish ? { finish: {} } : undefined,
        )
      const fail = async (code: string, error: string, action: string | null) => {
        log.info('publish failed', { postId: p.postId, code })
        // "Too many posts today": suggest the same time tomorrow, when the window has moved on.
        const suggestedAt = DAILY_LIMIT_CODES.has(code) ? now() + DAILY_POST_CAP.windowMs : null
        await state({ state: 'failed', code, error, action, progress: null, suggestedAt }, true)
        return { result: { failed: code } }
      }

      const post = await readPost(core.database.db, p.workspaceId, p.postId)
      const uploadStarted = checkpointSchema.safeParse(ctx.job.checkpoint).success
      if (
        !post ||
        post._deleted ||
        post.release?.at !== p.releaseAt ||
        // Moved before it started: the job for the new time publishes it. Once the platform
        // upload started, this job finishes it whatever happens to the schedule.
        (!uploadStarted && post.scheduledAt !== p.scheduledAt)
      )
        return { result: { skipped: 'the post changed since' } }
      if (post.publish.state === 'published') return { result: { skipped: 'already published' } }
      if (post.publish.releaseAt === p.releaseAt && post.publish.state === 'failed')
        return { result: { skipped: 'already failed' } }
      if (post.approval.state === 'pending' || post.approval.state === 'rejected')
        return fail(
          'not_approved',
          post.approval.state === 'pending'
            ? 'It was still waiting for approval when it was due.'
            : 'Changes were requested on it.',
          'Get it approved, then schedule or publish it again.',
        )
      const video = post.video
      if (!video?.ref)
        return fail(
          'no_video',
          'The video never reached the server.',
          'Open the post on the device that has the video, so it can upload it.',
        )
      const hash = hashOf(video.ref)
      const size = await store.objectSize(hash)
      if (size === null)
        return fail(
          'no_video',
          'The video is not on the server.',
          'Attach the video again from the library.',
        )

      const key = { workspaceId: p.workspaceId, accountId: p.accountId }
      const link = await loadLink(core.database.db, core.vault, key)
      if (!link?.tokens)
        return fail(
          'not_linked',
          'This account is not linked to the platform.',
          'Link it on the Accounts page, then publish again.',
        )
      const connector = connectorFor(core, link.platform)

      try {
        let checkpoint: Checkpoint | null = null
        const saved = checkpointSchema.safeParse(ctx.job.checkpoint)
        if (saved.success) checkpoint = saved.data

        let uploaded = 0
        let announced = false
        if (checkpoint) {
          // A retry (or a restart): ask the platform where the upload stands before anything.
          const resumeId = checkpoint.publishId
          const status = await withCredentials(core, key, (c) =>
            connector.publishStatus(c, resumeId),
          )
          uploaded = status.uploadedBytes
        } else {
          // The platform's init limit per token: wait for this account's next slot in the queue
          // (the post says when it goes out and why), not asleep in a runner slot.
          const bucket = initBucket(post.mode, p.workspaceId, p.accountId)
          const limit = post.mode === 'direct' ? INIT_LIMITS.direct : INIT_LIMITS.inbox
          const slot = await takeInitSlot(core.database, bucket, limit, ctx.job.id, now())
          if (!slot.go) {
            const shown = post.publish
            // A wait of a moment is not worth a commit; a real one is shown with its time.
            if (
              slot.at - now() >= 1_000 &&
              (shown.releaseAt !== p.releaseAt ||
                shown.state !== 'queued' ||
                shown.suggestedAt !== slot.at)
            )
              await state({
                state: 'queued',
                code: RATE_LIMIT_WAIT_CODE,
                suggestedAt: slot.at,
                error: null,
                action: null,
                progress: null,
              })
            throw new RetryLater(slot.at - now(), 'waiting for the platform’s per-account limit')
          }
          let sent = false
          let released = false
          try {
            const creator = await withCredentials(core, key, (c) => connector.creatorInfo(c))
            const input = await checkInput(core, p, post, connector.capabilities.audited, {
              maxVideoPostDurationSec: creator.maxVideoPostDurationSec,
              privacyLevelOptions: creator.privacyLevelOptions,
              postingBlocked: creator.postingBlocked,
            })
            const errors = blocking(runChecks(input))
            const first = errors[0]
            if (first)
              return fail(first.id, first.message, 'Open the post, fix it and publish again.')
            const plan = planChunks(size)
            if (!plan.ok) return fail('invalid_file', plan.reason, 'Export the video again.')
            sent = true
            const init = await withCredentials(core, key, (c) =>
              connector.initPublish(c, {
                mode: post.mode,
                plan: plan.plan,
                post: post.mode === 'direct' ? postInfo(post) : null,
                durationSec: video.durationMs / 1000,
              }),
            )
            const started: Checkpoint = {
              publishId: init.publishId,
              uploadUrl: init.uploadUrl,
              plan: plan.plan,
            }
            // The platform's upload id and the post's "uploading" commit together (one commit,
            // not two): a retry resumes this upload instead of starting a second one.
            await ctx.write(p.workspaceId, async (w) => {
              if (!(await saveCheckpoint(w.trx, ctx.lease, started, now())))
                throw new LeaseLost(ctx.job.id)
              // The init's answer is in: its slot counts from now on (same commit).
              await releaseInitSlot(w.trx, bucket, ctx.job.id, true, now())
              await patchPublish(
                w,
                p.postId,
                p.releaseAt,
                { state: 'uploading', progress: 0, error: null, code: null, suggestedAt: null },
                now(),
              )
            })
            checkpoint = started
            announced = true
            released = true
          } finally {
            if (!released) await releaseInitSlot(core.database.db, bucket, ctx.job.id, sent, now())
          }
        }
        const { plan, uploadUrl, publishId } = checkpoint
        if (uploaded < plan.videoSize) {
          if (!announced)
            await state({ state: 'uploading', progress: uploaded / plan.videoSize, error: null })
          for (let index = Math.floor(uploaded / plan.chunkSize); ; index += 1) {
            const { start, end } = rangeOf(plan, index)
            if (start >= plan.videoSize) break
            const bytes = await readRange(store, hash, start, end)
            await withCredentials(core, key, (c) =>
              connector.uploadChunk(c, { uploadUrl, plan, index, bytes, contentType: 'video/mp4' }),
            )
            // After the last chunk the next state (processing or published) follows at once.
            if (end >= plan.videoSize) break
            await state({ state: 'uploading', progress: end / plan.videoSize })
          }
        }
        const status = await withCredentials(core, key, (c) =>
          connector.publishStatus(c, publishId),
        )
        if (status.status === 'FAILED')
          return fail(
            status.failReason ?? 'failed',
            `The platform did not publish it: “${status.failReason ?? 'no reason given'}”.`,
            'Check the video and publish again.',
          )
        if (status.status === 'PUBLISH_COMPLETE' || status.status === 'SEND_TO_USER_INBOX') {
          await state(
            {
              state: 'published',
              platformPostId: status.postIds[0] ?? null,
              publishedAt: now(),
              progress: 1,
              code: null,
              error: null,
              action:
                status.status === 'SEND_TO_USER_INBOX'
                  ? 'It is in the account’s inbox: finish it in the TikTok app.'
                  : null,
            },
            true,
          )
          return { result: { published: status.postIds[0] ?? null } }
        }
        // Each status poll is a run of this job: "processing" is written once, not per poll.
        if (post.publish.state !== 'processing' || post.publish.releaseAt !== p.releaseAt)
          await state({ state: 'processing', progress: 1 })
        throw new RetryLater(PUBLISH_STATUS_POLL_MS, 'the platform is still processing it')
      } catch (error) {
        if (error instanceof PlatformError && !error.retryable && !error.reconnect)
          return fail(error.code, error.message, error.info.action)
        throw error
      }
    },
  }
}

function rangeOf(plan: ChunkPlan, index: number) {
  const start = index * plan.chunkSize
  const last = index === plan.totalChunkCount - 1
  return { start, end: last ? plan.videoSize : Math.min(plan.videoSize, start + plan.chunkSize) }
}

function postInfo(post: PostDoc) {
  return {
    title: post.caption,
    privacyLevel: post.privacy ? PLATFORM_PRIVACY[post.privacy] : '',
    disableComment: !post.allowComments,
    disableDuet: !post.allowDuet,
    disableStitch: !post.allowStitch,
    videoCoverTimestampMs: post.coverMs ?? 0,
    brandContentToggle: post.disclosure.commercial && post.disclosure.brandedContent,
    brandOrganicToggle: post.disclosure.commercial && post.disclosure.yourBrand,
  }
}

async function checkInput(
  core: PlatformCore,
  p: PublishPayload,
  post: PostDoc,
  appAudited: boolean,
  creator: Omit<NonNullable<CheckInput['creator']>, 'followers'>,
): Promise<CheckInput> {
  const accounts = await readMasters(core.database.db, p.workspaceId, 'accounts', [p.accountId])
  const followers = (accounts.get(p.accountId)?.data['followerCount'] as number | null) ?? null
  return {
    post,
    creator: { ...creator, followers },
    appAudited,
    linkedToDeal: await linkedToDeal(core.database.db, p.workspaceId, p.accountId, post.id),
    music: await postMusicLicence(core.database.db, p.workspaceId, post),
    recent: await recentActivity(
      core.database.db,
      p.workspaceId,
      p.accountId,
      post.id,
      core.clock.now(),
    ),
    lockedCaption: await lockedCaption(
      core.database.db,
      p.workspaceId,
      p.accountId,
      post.id,
      core.clock.now(),
    ),
  }
}

/** The licence of the music in the post's project, as its media item states it (see the check). */
async function postMusicLicence(
  db: PlatformCore['database']['db'],
  workspaceId: string,
  post: PostDoc,
): Promise<MusicLicence | null> {
  if (!post.projectId) return null
  const projects = await readMasters(db, workspaceId, 'projects', [post.projectId])
  const project = projects.get(post.projectId)
  if (!project || project.data['_deleted'] === true) return null
  const timeline = project.data['timeline']
  const musicId = (timeline as { audio?: { music?: { mediaId?: unknown } } } | null)?.audio?.music
    ?.mediaId
  const media =
    typeof musicId === 'string' ? await readMasters(db, workspaceId, 'media', [musicId]) : null
  return musicLicenceOf(timeline, (id) => {
    const stated = media?.get(id)?.data['musicLicence']
    return MUSIC_LICENCES.find((l) => l === stated)
  })
}

export type { JobContext }
