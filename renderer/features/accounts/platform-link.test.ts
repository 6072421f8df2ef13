import { describe, expect, it, vi } from 'vitest'
import type { Platform } from '../../platform'
import type { ServerApi } from '../../session/server-api'
import { parseOAuthReturn, startTikTokLink } from './platform-link'

function api(): Pick<ServerApi, 'beginLink' | 'completeLink'> {
  return {
    beginLink: vi.fn(async () => ({
      authorizeUrl: 'https://www.tiktok.com/v2/auth/authorize/?s=1',
      expiresAt: 0,
    })),
    completeLink: vi.fn(async () => ({ workspaceId: 'w', accountId: 'a1' })),
  }
}

describe('linking a TikTok account from the studio', () => {
  it('in web mode sends the page to the platform, asking it to come back to /oauth-callback', async () => {
    const server = api()
    const assign = vi.fn()
    const outcome = await startTikTokLink(
      server as ServerApi,
      { platformSignIn: null } as Platform,
      { workspaceId: 'w', accountId: null },
      { origin: 'https://studio.example', assign },
    )
    expect(outcome).toEqual({ kind: 'redirecting' })
    expect(server.beginLink).toHaveBeenCalledWith({
      workspaceId: 'w',
      accountId: null,
      platform: 'tiktok',
      client: 'web',
      redirectUri: 'https://studio.example/oauth-callback',
    })
    expect(assign).toHaveBeenCalledWith('https://www.tiktok.com/v2/auth/authorize/?s=1')
  })

  it('on the desktop signs in through the system browser and finishes on the server', async () => {
    const server = api()
    const finish = vi.fn(async () => ({ code: 'c', state: 's' }))
    const platform = {
      platformSignIn: {
        begin: async () => ({ loginId: 'l', redirectUri: 'http://127.0.0.1:5000/callback' }),
        finish,
      },
    } as unknown as Platform
    const outcome = await startTikTokLink(server as ServerApi, platform, {
      workspaceId: 'w',
      accountId: 'a1',
    })
    expect(outcome).toEqual({ kind: 'linked', accountId: 'a1' })
    expect(server.beginLink).toHaveBeenCalledWith(
      expect.objectContaining({ client: 'desktop', redirectUri: 'http://127.0.0.1:5000/callback' }),
    )
    expect(finish).toHaveBeenCalledWith('l', 'https://www.tiktok.com/v2/auth/authorize/?s=1')
    expect(server.completeLink).toHaveBeenCalledWith({ code: 'c', state: 's' })
  })

  it('reads the return address, including a refusal', () => {
    expect(parseOAuthReturn({ pathname: '/', search: '?code=x&state=y' })).toBeNull()
    expect(
      parseOAuthReturn({ pathname: '/oauth-callback', search: '?code=x&state=y&scopes=a' }),
    ).toEqual({
      kind: 'code',
      code: 'x',
      state: 'y',
    })
    expect(
      parseOAuthReturn({
        pathname: '/oauth-callback',
        search: '?error=access_denied&error_description=Cancelled',
      }),
    ).toEqual({
      kind: 'refused',
      reason: 'The platform did not link the account (access_denied: Cancelled).',
    })
  })
})
