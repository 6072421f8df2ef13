import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { projectSchema, MAX_TIMELINE_JSON_LENGTH } from './collections/projects'
import { jsonLengthWithin } from './json-size'
import { sampleDocs } from './sample-docs'

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {}
  for (let i = 0; i < depth; i += 1) value = { a: value }
  return value
}

describe('jsonLengthWithin', () => {
  it('agrees with JSON.stringify on the boundary, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const length = JSON.stringify(value).length
        expect(jsonLengthWithin(value, length)).toBe(true)
        expect(jsonLengthWithin(value, length - 1)).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('counts escapes and unpaired surrogates as JSON.stringify writes them', () => {
    for (const s of ['"\\', '\n\t\u0001', '\ud83d\ude00', '\ud800', 'x\udc00y']) {
      const length = JSON.stringify({ [s]: s }).length
      expect(jsonLengthWithin({ [s]: s }, length)).toBe(true)
      expect(jsonLengthWithin({ [s]: s }, length - 1)).toBe(false)
    }
  })

  it('never throws: 100,000 levels deep, cycles, values JSON cannot hold', () => {
    expect(() => JSON.stringify(nested(100_000))).toThrow(RangeError)
    expect(jsonLengthWithin(nested(100_000), 10_000_000)).toBe(true)
    expect(jsonLengthWithin(nested(100_000), 1000)).toBe(false)
    const cycle: Record<string, unknown> = {}
    cycle['self'] = cycle
    expect(jsonLengthWithin(cycle, 1_000_000)).toBe(false)
    expect(jsonLengthWithin({ f: () => 1 }, 1000)).toBe(false)
    expect(jsonLengthWithin({ n: 10n }, 1000)).toBe(false)
  })
})

describe('the projects schema with hostile timelines', () => {
  const project = sampleDocs().projects

  it('measures a 5,000-deep timeline without throwing and refuses an oversized one by name', () => {
    const result = projectSchema.safeParse({ ...project, timeline: nested(5000) })
    // Deep but small: within the size cap, so it passes this schema; the HTTP layer refuses the
    // nesting before parsing (server/http), and the timeline model validates it where used.
    expect(result.success).toBe(true)
    const huge = projectSchema.safeParse({
      ...project,
      timeline: { a: nested(50_000), pad: 'x'.repeat(MAX_TIMELINE_JSON_LENGTH) },
    })
    expect(huge.success).toBe(false)
    expect(huge.error?.issues[0]?.message).toBe('timeline is too large')
  })
})
