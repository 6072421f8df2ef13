import { describe, expect, it } from 'vitest'
import type { CriterionResult } from '../../../shared/eligibility/evaluate'
import { projectionText } from './projection-text'

const NOW = Date.UTC(2026, 10, 30)
const base: CriterionResult = {
  id: 'followers',
  label: 'Followers',
  status: 'not_met',
  value: 9_000,
  threshold: 10_000,
  unit: 'followers',
  source: 'test',
  ruleSource: 'test',
  uncertain: null,
  overridden: false,
  projection: null,
}

describe('projection sentences', () => {
  it('names the day (and the year when it is not this one)', () => {
    expect(
      projectionText(
        { ...base, projection: { kind: 'date', at: Date.UTC(2027, 0, 14), perDay: 20 } },
        NOW,
      ),
    ).toBe("At your last 30 days' pace: 10,000 followers around 14 January 2027")
    expect(
      projectionText(
        { ...base, projection: { kind: 'date', at: Date.UTC(2026, 11, 14), perDay: 20 } },
        NOW,
      ),
    ).toBe("At your last 30 days' pace: 10,000 followers around 14 December")
  })

  it('says when the pace will not get there, and why', () => {
    expect(
      projectionText({ ...base, projection: { kind: 'not_at_this_pace', perDay: -3 } }, NOW),
    ).toBe('Not at this pace: followers are falling over the last 30 days.')
    expect(
      projectionText({ ...base, projection: { kind: 'not_at_this_pace', perDay: 0 } }, NOW),
    ).toContain('flat')
    expect(projectionText(base, NOW)).toBeNull()
  })
})
