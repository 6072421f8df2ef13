/**
 * Deal and Spark Ads numbers, as data with their source (../shared/PLATFORM-FACTS.md).
 */

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

/** Brand invitations expire after 7 days unless answered (platform behaviour, sandbox profile). */
export const INVITATION_TTL_MS = 7 * DAY_MS

/** Spark Ads authorization lengths: 7/30/60/365 days, default 30 (PLATFORM-FACTS, Spark Ads [S]). */
export const SPARK_DURATIONS_DAYS = [7, 30, 60, 365] as const
export const SPARK_DEFAULT_DAYS = 30

/**
 * Reminder lead times the issue asks for (product choice, not a platform rule): 48 hours and 2
 * hours before any deadline.
 */
export const REMINDER_LEADS_MS = [48 * HOUR_MS, 2 * HOUR_MS] as const

/** How long before a Spark code's expiry the registry warns (product choice). */
export const SPARK_EXPIRY_WARNING_MS = 3 * DAY_MS

export { DAY_MS, HOUR_MS }
