import { describe, expect, it } from 'vitest'
import { postSchema, type PostDoc } from '../data/collections/posts'
import { uuidv7 } from '../data/ids'
import { disclosureLabel, newPost, postStatus, type PostStatus } from './post-status'

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
