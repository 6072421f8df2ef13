import { describe, expect, it } from 'vitest'
import { migratePostV0toV1, postSchema } from './collections/posts'
import { sampleDocs } from './sample-docs'

/** A post as version 0 stored it (before the publishing fields). */
function versionZeroPost(kind: 'promotional' | 'paid_partnership' | null) {
  const current = sampleDocs().posts
  const {
    video: _v,
    coverMs: _c,
    mode: _m,
    scheduleZone: _z,
    release: _r,
    comments: _k,
    ...rest
  } = current
  return {
    ...rest,
    disclosure: { commercial: kind !== null, kind },
    approval: { state: 'approved', by: current.approval.by, at: null, note: 'ok' },
    publish: { state: 'idle', platformPostId: null, error: null, publishedAt: null },
  }
}

describe('posts schema 0 → 1', () => {
  it.each([
    ['promotional', { commercial: true, yourBrand: true, brandedContent: false }],
    ['paid_partnership', { commercial: true, yourBrand: false, brandedContent: true }],
    [null, { commercial: false, yourBrand: false, brandedContent: false }],
  ] as const)('a version-0 disclosure %s becomes the matching boxes', (kind, boxes) => {
    const migrated = migratePostV0toV1(versionZeroPost(kind))
    expect(migrated['disclosure']).toEqual(boxes)
    // The result is a valid version-1 post, its decision kept.
    const parsed = postSchema.parse(migrated)
    expect(parsed.approval).toMatchObject({ state: 'approved', note: 'ok', approvals: [] })
    expect(parsed.comments).toEqual([])
    expect(parsed.release).toBeNull()
  })

  it('leaves a version-1 post alone', () => {
    const post = sampleDocs().posts
    expect(migratePostV0toV1(post)).toBe(post)
  })
})
