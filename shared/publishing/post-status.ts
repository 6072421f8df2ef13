import { DRAFT_APPROVAL, IDLE_PUBLISH_STATE, type PostDoc } from '../data/collections/posts'
import { TIKTOK_RATE_LIMITS } from '../platform/tiktok-facts'

/** How a post reads at a glance (list badges, calendar colours). */
export const POST_STATUSES = [
  'draft',
  'pending',
  'changes',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
] as const
export type PostStatus = (typeof POST_STATUSES)[number]

export const POST_STATUS_LABELS: Record<PostStatus, string> = {
  draft: 'Draft',
  pending: 'Waiting for approval',
  changes: 'Changes requested',
  approved: 'Approved',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
}

/**
 * The publish state's code while a due post waits for the platform's per-account limit on new
 * uploads; `publish.suggestedAt` then holds the time its turn comes (the job's scheduled time).
 */
export const RATE_LIMIT_WAIT_CODE = 'waiting_for_rate_limit'

/**
 * Why a due post has not gone out yet and when it will, in plain words, or null when it is not
 * waiting for the limit: "TikTok allows 6 new posts a minute per account — goes out at 10:03".
 * The time is the server's slot for it (its job's scheduled time), shown on `timeZone`'s clock.
 */
export function rateLimitWait(post: PostDoc, timeZone?: string): string | null {
  const { publish, release } = post
  if (publish.state !== 'queued' || publish.code !== RATE_LIMIT_WAIT_CODE) return null
  if (!release || publish.releaseAt !== release.at || publish.suggestedAt === null) return null
  const limit =
    post.mode === 'inbox' ? TIKTOK_RATE_LIMITS.inboxInit : TIKTOK_RATE_LIMITS.directPostInit
  const per =
    limit.windowMs === 60_000 ? 'a minute' : `every ${Math.round(limit.windowMs / 1000)} s`
  const what = post.mode === 'inbox' ? 'drafts to the inbox' : 'new posts'
  const at = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(publish.suggestedAt)
  return `TikTok allows ${limit.limit} ${what} ${per} per account — goes out at ${at}`
}

/** One status from approval, release and the server's publish state (the latter wins). */
export function postStatus(post: PostDoc): PostStatus {
  const { state } = post.publish
  if (state === 'published') return 'published'
  const current = post.release !== null && post.publish.releaseAt === post.release.at
  if (state === 'failed' && current) return 'failed'
  if ((state === 'uploading' || state === 'processing' || state === 'queued') && current)
    return 'publishing'
  if (post.release) return 'scheduled'
  if (post.approval.state === 'pending') return 'pending'
  if (post.approval.state === 'rejected') return 'changes'
  if (post.approval.state === 'approved') return 'approved'
  return 'draft'
}

/**
 * A new post for an account. Nothing is chosen for the member: privacy has no default, comment,
 * duet and stitch are off, commercial content is off (the platform's posting-screen rules).
 */
export function newPost(input: {
  id: string
  workspaceId: string
  accountId: string
  now: number
}): PostDoc {
  return {
    id: input.id,
    workspaceId: input.workspaceId,
    accountId: input.accountId,
    updatedAt: input.now,
    _deleted: false,
    projectId: null,
    mediaId: null,
    video: null,
    coverMs: null,
    caption: '',
    hashtags: [],
    privacy: null,
    allowComments: false,
    allowDuet: false,
    allowStitch: false,
    disclosure: { commercial: false, yourBrand: false, brandedContent: false },
    musicConsent: false,
    productTags: [],
    mode: 'direct',
    scheduledAt: null,
    scheduleZone: null,
    release: null,
    approval: { ...DRAFT_APPROVAL },
    comments: [],
    publish: { ...IDLE_PUBLISH_STATE },
  }
}

/** The label the platform will show on a commercial post, or null. */
export function disclosureLabel(disclosure: PostDoc['disclosure']): string | null {
  if (!disclosure.commercial) return null
  if (disclosure.brandedContent) return 'Paid partnership'
  if (disclosure.yourBrand) return 'Promotional content'
  return null
}
