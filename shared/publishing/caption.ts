import { HASHTAG_PATTERN, MAX_CAPTION } from '../data/collections/posts'
import { codePointLength } from '../data/fields'

const HASHTAG = /#([^\s#@]{1,100})/gu
const MENTION = /@([A-Za-z0-9._]{1,24})/g

export interface CaptionStats {
  characters: number
  max: number
  hashtags: string[]
  mentions: string[]
}

/** Live counts for the caption field: characters (as the platform counts them), tags, mentions. */
export function captionStats(caption: string): CaptionStats {
  const hashtags = [...caption.matchAll(HASHTAG)].map((m) => m[1] ?? '').filter(Boolean)
  const mentions = [...caption.matchAll(MENTION)].map((m) => m[1] ?? '').filter(Boolean)
  return { characters: codePointLength(caption), max: MAX_CAPTION, hashtags, mentions }
}

/** The caption's hashtags without '#', each once, as the post's `hashtags` field holds them. */
export function hashtagsOf(caption: string): string[] {
  return [...new Set(captionStats(caption).hashtags)].filter((t) => HASHTAG_PATTERN.test(t))
}

/** The word being typed at `cursor` when it starts with # or @ ("#tra" → { sign '#', text 'tra' }). */
export function tokenAt(
  caption: string,
  cursor: number,
): { sign: '#' | '@'; text: string; start: number } | null {
  const before = caption.slice(0, cursor)
  const match = /([#@])([^\s#@]*)$/u.exec(before)
  if (!match) return null
  return { sign: match[1] as '#' | '@', text: match[2] ?? '', start: cursor - match[0].length }
}

/**
 * Suggestions for the word being typed, from the account's history: the tags (or handles) it used
 * most, those starting with what was typed first.
 */
export function suggest(history: readonly string[], typed: string, limit = 6): string[] {
  const counts = new Map<string, number>()
  for (const tag of history) counts.set(tag, (counts.get(tag) ?? 0) + 1)
  const needle = typed.toLowerCase()
  return [...counts.entries()]
    .filter(([tag]) => tag.toLowerCase().includes(needle) && tag.toLowerCase() !== needle)
    .sort(
      (a, b) =>
        Number(b[0].toLowerCase().startsWith(needle)) -
          Number(a[0].toLowerCase().startsWith(needle)) ||
        b[1] - a[1] ||
        a[0].localeCompare(b[0]),
    )
    .slice(0, limit)
    .map(([tag]) => tag)
}
