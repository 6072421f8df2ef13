import { describe, expect, it } from 'vitest'
import type { CriterionResult, ProgramResult } from '../eligibility/evaluate'
import { creatorRewardsHint } from './eligibility-hint'

const criterion = (over: Partial<CriterionResult>): CriterionResult => ({
  id: 'followers',
  label: 'Followers',
  status: 'met',
  value: 12_000,
  threshold: 10_000,
  unit: '',
  source: 'Daily analytics',
  ruleSource: 'PLATFORM-FACTS',
  uncertain: null,
  overridden: false,
  projection: null,
  ...over,
})

const rewards = (status: ProgramResult['status'], criteria: CriterionResult[]): ProgramResult => ({
  programId: 'creator_rewards',
  name: 'Creator Rewards',
  version: 1,
  status,
  criteria,
  pilot: null,
})

describe('creatorRewardsHint', () => {
  it('names what the account lacks, with the numbers', () => {
    const hint = creatorRewardsHint(
      [
        rewards('not_eligible', [
          criterion({ status: 'not_met', value: 3_200 }),
          criterion({
            id: 'region',
            label: 'Region',
            status: 'not_met',
            value: 'PL',
            threshold: ['US'],
          }),
        ]),
      ],
      75_000,
    )
    expect(hint).toBe(
      'This account is not in Creator Rewards yet (followers 3,200 of 10,000; region), so this post won’t earn from it.',
    )
  })

  it('says an eligible account’s long video can earn, and stays quiet for a short one', () => {
    expect(creatorRewardsHint([rewards('eligible', [criterion({})])], 60_001)).toContain('can earn')
    // The short-video note is the pre-publish checks' own (creator_rewards_short).
    expect(creatorRewardsHint([rewards('eligible', [criterion({})])], 60_000)).toBeNull()
  })

  it('says nothing without a video, without the program, or when eligibility is unknown', () => {
    expect(creatorRewardsHint([rewards('not_eligible', [])], null)).toBeNull()
    expect(creatorRewardsHint([], 75_000)).toBeNull()
    expect(
      creatorRewardsHint([rewards('unknown', [criterion({ status: 'unknown' })])], 75_000),
    ).toBeNull()
  })
})
