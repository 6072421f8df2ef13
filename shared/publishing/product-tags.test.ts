import { describe, expect, it } from 'vitest'
import { MAX_PRODUCT_TAGS } from '../data/collections/posts'
import { addProductTag, parseTagSeconds } from './product-tags'

const id = (n: number) => `01950000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`

describe('product tags on a post', () => {
  it('reads the moment in seconds and keeps it inside the video', () => {
    expect(parseTagSeconds(' 3.5 ', 10_000)).toBe(3_500)
    expect(parseTagSeconds('0', null)).toBe(0)
    expect(parseTagSeconds('10', 10_000)).toContain('10.0 s long')
    expect(parseTagSeconds('-1', 10_000)).toContain('in seconds')
    expect(parseTagSeconds('1:30', 10_000)).toContain('in seconds')
    expect(parseTagSeconds('', 10_000)).toContain('in seconds')
  })

  it('adds tags in time order, refuses a repeat at the same moment', () => {
    const first = addProductTag([], { id: id(1), productId: id(100), atMs: 5_000 })
    if (typeof first === 'string') throw new Error(first)
    const second = addProductTag(first, { id: id(2), productId: id(101), atMs: 1_000 })
    if (typeof second === 'string') throw new Error(second)
    expect(second.map((t) => t.atMs)).toEqual([1_000, 5_000])
    expect(addProductTag(second, { id: id(3), productId: id(100), atMs: 5_000 })).toContain(
      'already tagged',
    )
    // The same product again at another moment is allowed.
    expect(addProductTag(second, { id: id(4), productId: id(100), atMs: 8_000 })).toHaveLength(3)
  })

  it('refuses a 21st tag: a video carries at most 20', () => {
    const tags = Array.from({ length: MAX_PRODUCT_TAGS }, (_, i) => ({
      id: id(i + 1),
      productId: id(200 + i),
      atMs: i * 100,
    }))
    expect(addProductTag(tags.slice(1), { id: id(99), productId: id(999), atMs: 0 })).toHaveLength(
      MAX_PRODUCT_TAGS,
    )
    expect(addProductTag(tags, { id: id(99), productId: id(999), atMs: 0 })).toContain(
      `at most ${MAX_PRODUCT_TAGS} product tags`,
    )
  })
})
