import type { Platform } from '../../platform'
import type { ServerApi } from '../../session/server-api'

/**
 * Linking a TikTok account from the studio. On the desktop the platform's sign-in opens in the
 * system browser and comes back to main's loopback listener; in web mode this page goes to the
 * platform and the platform sends it back to `/oauth-callback` with a code and the state. Either
 * way the server checks the state against the sign-in it started and finishes the PKCE exchange.
 */
export const OAUTH_RETURN_PATH = '/oauth-callback'

export type LinkOutcome = { kind: 'linked'; accountId: string } | { kind: 'redirecting' }

export async function startTikTokLink(
  api: ServerApi,
  platform: Platform,
  input: { workspaceId: string; accountId: string | null },
  page?: { origin: string; assign(url: string): void },
): Promise<LinkOutcome> {
  const signIn = platform.platformSignIn
  if (signIn) {
    const { loginId, redirectUri } = await signIn.begin()
    const { authorizeUrl } = await api.beginLink({
      ...input,
      platform: 'tiktok',
      client: 'desktop',
      redirectUri,
    })
    const returned = await signIn.finish(loginId, authorizeUrl)
    const linked = await api.completeLink(returned)
    return { kind: 'linked', accountId: linked.accountId }
  }
  const location = page ?? window.location
  const { authorizeUrl } = await api.beginLink({
    ...input,
    platform: 'tiktok',
    client: 'web',
    redirectUri: `${location.origin}${OAUTH_RETURN_PATH}`,
  })
  location.assign(authorizeUrl)
  return { kind: 'redirecting' }
}

export type OAuthReturn =
  { kind: 'code'; code: string; state: string } | { kind: 'refused'; reason: string }

/** What the platform sent this page back with, if it is the sign-in return address. */
export function parseOAuthReturn(location: {
  pathname: string
  search: string
}): OAuthReturn | null {
  if (location.pathname !== OAUTH_RETURN_PATH) return null
  const params = new URLSearchParams(location.search)
  const code = params.get('code')
  const state = params.get('state')
  if (code && state) return { kind: 'code', code, state }
  const error = params.get('error') ?? 'no code'
  const description = params.get('error_description')
  return {
    kind: 'refused',
    reason: `The platform did not link the account (${error}${description ? `: ${description}` : ''}).`,
  }
}
