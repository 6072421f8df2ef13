import { MAX_PRODUCT_TAGS } from '../data/collections/posts'
import {
  SHOP_AFFILIATE_MIN_FOLLOWERS,
  SHOP_PILOT_UNTIL_FOLLOWERS,
  SHOP_PILOT_VIDEOS_PER_WEEK,
} from './shop-facts'

const WEEK_MS = 7 * 86_400_000

export interface TaggingCheck {
  /** Problems that stop the tagging (shown beside the tag list). */
  errors: string[]
  /** Shoppable videos left this week under the Pilot (null: no weekly limit). */
  pilotLeft: number | null
}

/**
 * Whether products can be tagged on one more video: the affiliate threshold, the per-video tag
 * limit and, under 5,000 followers, the Pilot's 5 shoppable videos a week (PLATFORM-FACTS, Shop).
 * `shoppableAt` are the publish times of the account's other videos with product tags.
 */
export function checkTagging(input: {
  followers: number | null
  tagCount: number
  shoppableAt: readonly number[]
  at: number
}): TaggingCheck {
  const errors: string[] = []
  if (input.tagCount > MAX_PRODUCT_TAGS)
    errors.push(
      `A video can carry at most ${MAX_PRODUCT_TAGS} products; remove ${input.tagCount - MAX_PRODUCT_TAGS}.`,
    )
  const followers = input.followers
  if (followers !== null && followers < SHOP_AFFILIATE_MIN_FOLLOWERS)
    errors.push(
      `Selling products needs ${SHOP_AFFILIATE_MIN_FOLLOWERS.toLocaleString('en-US')} followers (this account has ${followers.toLocaleString('en-US')}).`,
    )
  let pilotLeft: number | null = null
  if (
    followers !== null &&
    followers >= SHOP_AFFILIATE_MIN_FOLLOWERS &&
    followers < SHOP_PILOT_UNTIL_FOLLOWERS
  ) {
    const used = input.shoppableAt.filter((t) => t > input.at - WEEK_MS && t <= input.at).length
    pilotLeft = Math.max(0, SHOP_PILOT_VIDEOS_PER_WEEK - used)
    if (input.tagCount > 0 && pilotLeft === 0)
      errors.push(
        `The Shop Pilot allows ${SHOP_PILOT_VIDEOS_PER_WEEK} shoppable videos a week and this week's are used; the next one frees up 7 days after the oldest.`,
      )
  }
  return { errors, pilotLeft }
}
