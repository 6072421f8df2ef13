import type { ProgramResult } from '../eligibility/evaluate'
import { CREATOR_REWARDS_MIN_DURATION } from './publish-facts'

/**
 * A quiet note for the composer from the eligibility rules (issue 12): whether this post can earn
 * from Creator Rewards. Never blocking; null when there is nothing worth saying (no video yet, or
 * eligibility not known).
 */
export function creatorRewardsHint(
  results: readonly ProgramResult[],
  videoDurationMs: number | null,
): string | null {
  const rewards = results.find((r) => r.programId === 'creator_rewards')
  if (!rewards || videoDurationMs === null) return null
  const long = videoDurationMs > CREATOR_REWARDS_MIN_DURATION.durationMs
  if (rewards.status === 'not_eligible') {
    const missing = rewards.criteria
      .filter((c) => c.status === 'not_met')
      .map((c) =>
        typeof c.value === 'number' && typeof c.threshold === 'number'
          ? `${c.label.toLowerCase()} ${c.value.toLocaleString('en-US')} of ${c.threshold.toLocaleString('en-US')}`
          : c.label.toLowerCase(),
      )
    return `This account is not in Creator Rewards yet (${missing.join('; ')}), so this post won’t earn from it.`
  }
  if (rewards.status === 'eligible')
    return long
      ? 'This account is eligible for Creator Rewards and this video is over a minute: its qualified views can earn.'
      : null
  return null
}
