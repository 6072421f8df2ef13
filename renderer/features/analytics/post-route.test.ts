import { describe, expect, it } from 'vitest'
import { postIdFromHash } from './post-route'

describe('post detail route', () => {
  it('reads the post id from the hash, and nothing from other hashes', () => {
    expect(postIdFromHash('#/analytics/post/abc-123')).toBe('abc-123')
    expect(postIdFromHash('#/analytics/post/abc?x=1')).toBe('abc')
    expect(postIdFromHash('#/analytics/post/')).toBeNull()
    expect(postIdFromHash('#/analytics')).toBeNull()
    expect(postIdFromHash('#/publish/post/abc')).toBeNull()
    expect(postIdFromHash(`#/analytics/post/${'x'.repeat(65)}`)).toBeNull()
  })
})
