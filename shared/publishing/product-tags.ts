import { MAX_PRODUCT_TAGS, type PostDoc } from '../data/collections/posts'

type Tags = PostDoc['productTags']

/** A tag's moment as people write it: seconds, with an optional decimal ("12", "3.5"). */
export function parseTagSeconds(text: string, durationMs: number | null): number | string {
  const trimmed = text.trim()
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return 'Give the moment in seconds, e.g. 12 or 3.5.'
  const ms = Math.round(Number(trimmed) * 1000)
  if (durationMs !== null && ms >= durationMs)
    return `The video is ${(durationMs / 1000).toFixed(1)} s long: choose a moment inside it.`
  return ms
}

/**
 * The post's product tags with one more (kept in time order), or why not: a video carries at
 * most 20 product tags (PLATFORM-FACTS, Shop); the same product twice at one moment is a repeat.
 */
export function addProductTag(tags: Tags, tag: Tags[number]): Tags | string {
  if (tags.some((t) => t.productId === tag.productId && t.atMs === tag.atMs))
    return 'This product is already tagged at that moment.'
  if (tags.length >= MAX_PRODUCT_TAGS)
    return `A video can carry at most ${MAX_PRODUCT_TAGS} product tags: remove one before adding another.`
  return [...tags, tag].sort((a, b) => a.atMs - b.atMs)
}
