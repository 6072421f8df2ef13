import type { PrivacyLevel } from '../data/collections/posts'

/** The platform's `privacy_level` values and ours, both ways. */
export const PLATFORM_PRIVACY: Record<PrivacyLevel, string> = {
  public: 'PUBLIC_TO_EVERYONE',
  friends: 'MUTUAL_FOLLOW_FRIENDS',
  followers: 'FOLLOWER_OF_CREATOR',
  private: 'SELF_ONLY',
}

/** How the posting screen names each option (the platform's own words). */
export const PRIVACY_LABELS: Record<PrivacyLevel, string> = {
  public: 'Everyone',
  friends: 'Friends',
  followers: 'Followers',
  private: 'Only me',
}

/** The account's options as creator info lists them, in its order; unknown values dropped. */
export function privacyOptionsOf(platformOptions: readonly string[]): PrivacyLevel[] {
  const byPlatform = new Map(
    Object.entries(PLATFORM_PRIVACY).map(([ours, theirs]) => [theirs, ours as PrivacyLevel]),
  )
  const out: PrivacyLevel[] = []
  for (const option of platformOptions) {
    const ours = byPlatform.get(option)
    if (ours && !out.includes(ours)) out.push(ours)
  }
  return out
}
