import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkJsonText, MAX_JSON_DEPTH } from './json-limits'

const check = (text: string, maxDepth?: number) =>
  checkJsonText(text, { maxChars: 1_000_000, maxDepth })

describe('checkJsonText', () => {
  it('accepts nesting up to the limit and refuses one level more', () => {
    const at = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)
    expect(check(at)).toBeNull()
    const over = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1)
    expect(check(over)?.kind).toBe('too-deep')
    expect(check('['.repeat(100_000))?.kind).toBe('too-deep')
  })

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ s: '[[[[{{{{ \\" "[[[[' + '['.repeat(1000) })
    expect(check(text, 2)).toBeNull()
  })

  it('refuses text over the size limit before looking inside', () => {
    expect(checkJsonText('"' + 'x'.repeat(100) + '"', { maxChars: 50 })?.kind).toBe('too-large')
  })

  it('refuses NUL and unpaired surrogate escapes, keeps real pairs and other escapes', () => {
    expect(check('{"a":"x\\u0000"}')?.kind).toBe('nul')
    expect(check('{"a":"\\ud800"}')?.kind).toBe('lone-surrogate')
    expect(check('{"a":"\\ud800x"}')?.kind).toBe('lone-surrogate')
    expect(check('{"a":"\\udc00"}')?.kind).toBe('lone-surrogate')
    expect(check('{"a":"\\ud800\\u0041"}')?.kind).toBe('lone-surrogate')
    expect(check('{"a":"\\ud83d\\ude00 \\n \\\\u0000 \\u00e9"}')).toBeNull()
    expect(check(JSON.stringify({ a: '\ud83d\ude00 plain emoji, é, \t' }))).toBeNull()
  })

  it('agrees with a parse-and-walk depth count for any JSON value', () => {
    const depthOf = (v: unknown): number =>
      typeof v === 'object' && v !== null ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 8 }), (v, limit) => {
        const text = JSON.stringify(v)
        const problem = check(text, limit)
        const hasNul = /\\u0000/.test(text)
        if (depthOf(v) > limit) expect(problem?.kind).toBe('too-deep')
        else if (!hasNul) expect(problem).toBeNull()
      }),
      { numRuns: 1000 },
    )
  })
})
