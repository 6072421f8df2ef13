/**
 * The platform's error codes (PLATFORM-FACTS: Content Posting API, Login Kit, Display API) with
 * what each means in plain words and what to do. The platform's own code and message are always
 * shown verbatim next to this text; `retry` says whether repeating the same request can succeed
 * (`later`: after a wait — rate limits and the platform's own failures — or `never`).
 */
export interface PlatformErrorInfo {
  explanation: string
  /** What the user (or the job) should do next. */
  action: string
  retry: 'later' | 'never'
  /** The link itself is no longer usable: the account needs reconnecting. */
  reconnect?: boolean
}

export const TIKTOK_ERRORS: Readonly<Record<string, PlatformErrorInfo>> = {
  access_token_invalid: {
    explanation: 'The platform no longer accepts this account’s sign-in (expired or revoked).',
    action: 'Reconnect the account on the Accounts page.',
    retry: 'never',
    reconnect: true,
  },
  scope_not_authorized: {
    explanation: 'The account did not grant Reeldesk the permission this needs.',
    action: 'Reconnect the account and allow every permission Reeldesk asks for.',
    retry: 'never',
    reconnect: true,
  },
  invalid_grant: {
    explanation: 'The platform refused the saved sign-in: it was revoked or has expired.',
    action: 'Reconnect the account on the Accounts page.',
    retry: 'never',
    reconnect: true,
  },
  invalid_params: {
    explanation: 'The platform refused a value Reeldesk sent.',
    action: 'Check the post’s settings; if they look right, report this to Reeldesk.',
    retry: 'never',
  },
  invalid_param: {
    explanation: 'The platform refused a value Reeldesk sent.',
    action: 'Check the post’s settings; if they look right, report this to Reeldesk.',
    retry: 'never',
  },
  invalid_file_upload: {
    explanation: 'The platform refused the video file or one of its pieces.',
    action: 'Export the video again (MP4, H.264) and retry.',
    retry: 'never',
  },
  file_format_check_failed: {
    explanation: 'The platform could not read the video’s format.',
    action: 'Export the video again as MP4 (H.264 + AAC) and retry.',
    retry: 'never',
  },
  rate_limit_exceeded: {
    explanation: 'Too many requests to the platform for this account in a short time.',
    action: 'Nothing: Reeldesk waits and sends it again.',
    retry: 'later',
  },
  internal_error: {
    explanation: 'The platform had a problem of its own.',
    action: 'Nothing: Reeldesk tries again shortly.',
    retry: 'later',
  },
  spam_risk_too_many_posts: {
    explanation: 'The platform’s daily posting limit for this account is reached.',
    action: 'Reschedule the post for tomorrow.',
    retry: 'never',
  },
  spam_risk_user_banned_from_posting: {
    explanation: 'The platform has barred this account from posting.',
    action: 'Check the account’s status in the platform’s app.',
    retry: 'never',
  },
  spam_risk_too_many_pending_share: {
    explanation: 'Five drafts are already waiting in the account’s inbox (the platform’s limit).',
    action: 'Post or delete drafts in the platform’s app, then send it again.',
    retry: 'never',
  },
  privacy_level_option_mismatch: {
    explanation: 'The chosen privacy is not one this account offers right now.',
    action: 'Pick a privacy from the list again and retry.',
    retry: 'never',
  },
  unaudited_client_can_only_post_to_private_accounts: {
    explanation:
      'Reeldesk’s platform app is not audited yet, so it may only post as “Only me” to private accounts.',
    action: 'Set the post to “Only me”, or use an audited app key.',
    retry: 'never',
  },
  reached_active_user_cap: {
    explanation: 'The platform app has reached its limit of active users for today.',
    action: 'Try again tomorrow.',
    retry: 'later',
  },
  url_ownership_unverified: {
    explanation: 'The platform only pulls videos from a verified domain.',
    action: 'Nothing: Reeldesk uploads the file itself instead.',
    retry: 'never',
  },
  picture_size_check_failed: {
    explanation: 'The platform refused an image’s size.',
    action: 'Use a larger or smaller image and retry.',
    retry: 'never',
  },
}

/** Plain words for a code the table does not know: still shown with the platform's message. */
export const UNKNOWN_PLATFORM_ERROR: PlatformErrorInfo = {
  explanation: 'The platform refused the request with a reason Reeldesk does not know yet.',
  action: 'Read the platform’s message above; try again later if it looks temporary.',
  retry: 'never',
}

export function platformErrorInfo(code: string): PlatformErrorInfo {
  return TIKTOK_ERRORS[code] ?? UNKNOWN_PLATFORM_ERROR
}
