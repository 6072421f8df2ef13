import { describe, expect, it } from 'vitest'
import { postSchema, type PostDoc } from '../data/collections/posts'
import { uuidv7 } from '../data/ids'
import {
  disclosureLabel,
  newPost,
  postStatus,
  RATE_LIMIT_WAIT_CODE,
  rateLimitWait,
  type PostStatus,
} from './post-status'

const fresh = () =>
  newPost({ id: uuidv7(), workspaceId: uuidv7(), accountId: uuidv7(), now: 1_700_000_000_000 })

describe('post status and new posts', () => {
  it('a new post is valid and chooses nothing for the member', () => {
    const post = fresh()
    expect(postSchema.safeParse(post).success).toBe(true)
    expect(post).toMatchObject({
      privacy: null,
      allowComments: false,
      allowDuet: false,
      allowStitch: false,
      disclosure: { commercial: false, yourBrand: false, brandedContent: false },
      musicConsent: false,
    })
  })

  const release = { by: 'u', at: 10 }
  const cases: [string, (p: PostDoc) => PostDoc, PostStatus][] = [
    ['draft', (p) => p, 'draft'],
    ['submitted', (p) => ({ ...p, approval: { ...p.approval, state: 'pending' } }), 'pending'],
    ['sent back', (p) => ({ ...p, approval: { ...p.approval, state: 'rejected' } }), 'changes'],
    ['approved', (p) => ({ ...p, approval: { ...p.approval, state: 'approved' } }), 'approved'],
    ['released', (p) => ({ ...p, release }), 'scheduled'],
    [
      'uploading this release',
      (p) => ({ ...p, release, publish: { ...p.publish, state: 'uploading', releaseAt: 10 } }),
      'publishing',
    ],
    [
      'failed this release',
      (p) => ({ ...p, release, publish: { ...p.publish, state: 'failed', releaseAt: 10 } }),
      'failed',
    ],
    [
      'failed an earlier release, released again',
      (p) => ({ ...p, release, publish: { ...p.publish, state: 'failed', releaseAt: 5 } }),
      'scheduled',
    ],
    [
      'failed, then taken back to edit',
      (p) => ({ ...p, publish: { ...p.publish, state: 'failed', releaseAt: 5 } }),
      'draft',
    ],
    ['published', (p) => ({ ...p, publish: { ...p.publish, state: 'published' } }), 'published'],
  ]
  it.each(cases)('%s → %s', (_name, change, status) => {
    expect(postStatus(change(fresh()))).toBe(status)
  })

  it.each([
    [{ commercial: false, yourBrand: true, brandedContent: true }, null],
    [{ commercial: true, yourBrand: false, brandedContent: false }, null],
    [{ commercial: true, yourBrand: true, brandedContent: false }, 'Promotional content'],
    [{ commercial: true, yourBrand: false, brandedContent: true }, 'Paid partnership'],
    [{ commercial: true, yourBrand: true, brandedContent: true }, 'Paid partnership'],
  ])('disclosure %j is labelled %s', (disclosure, label) => {
    expect(disclosureLabel(disclosure)).toBe(label)
  })
})

describe('a post waiting for the platform’s per-account limit', () => {
  const release = { by: 'u', at: 10 }
  // 2026-03-29 09:03 UTC = 11:03 in Berlin (summer time began that night).
  const slot = Date.UTC(2026, 2, 29, 9, 3)
  const waiting = (p: PostDoc): PostDoc => ({
    ...p,
    release,
    publish: {
      ...p.publish,
      state: 'queued',
      code: RATE_LIMIT_WAIT_CODE,
      suggestedAt: slot,
      releaseAt: 10,
    },
  })

  it('says why and when it goes out, on the given clock', () => {
    const post = waiting(fresh())
    expect(rateLimitWait(post, 'UTC')).toBe(
      'TikTok allows 6 new posts a minute per account — goes out at 09:03',
    )
    expect(rateLimitWait(post, 'Europe/Berlin')).toBe(
      'TikTok allows 6 new posts a minute per account — goes out at 11:03',
    )
    expect(rateLimitWait({ ...post, mode: 'inbox' }, 'UTC')).toBe(
      'TikTok allows 6 drafts to the inbox a minute per account — goes out at 09:03',
    )
    expect(postStatus(post)).toBe('publishing')
  })

  it('says nothing for other states, another release or another reason', () => {
    const post = waiting(fresh())
    expect(rateLimitWait(fresh(), 'UTC')).toBeNull()
    expect(rateLimitWait({ ...post, release: { by: 'u', at: 11 } }, 'UTC')).toBeNull()
    expect(rateLimitWait({ ...post, publish: { ...post.publish, code: null } }, 'UTC')).toBeNull()
    expect(
      rateLimitWait({ ...post, publish: { ...post.publish, state: 'uploading' } }, 'UTC'),
    ).toBeNull()
    expect(
      rateLimitWait({ ...post, publish: { ...post.publish, suggestedAt: null } }, 'UTC'),
    ).toBeNull()
  })
})
