/**
 * TikTok Shop numbers, as data with their source (../shared/PLATFORM-FACTS.md, "TikTok Shop US",
 * [O, 2025-12]).
 */

/** An affiliate needs 1,000 followers; under 5,000 they are in the 30-day Pilot. */
export const SHOP_AFFILIATE_MIN_FOLLOWERS = 1_000
export const SHOP_PILOT_UNTIL_FOLLOWERS = 5_000
/** The Pilot allows 5 shoppable videos (and 3 LIVE selling streams) per week. */
export const SHOP_PILOT_VIDEOS_PER_WEEK = 5
export const SHOP_PILOT_LIVES_PER_WEEK = 3
/** A commission-rate cut keeps the old rate for 30 days. */
export const SHOP_RATE_LOCK_DAYS = 30
