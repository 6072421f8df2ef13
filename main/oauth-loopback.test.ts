import { afterEach, describe, expect, it } from 'vitest'
import { createLoopbackLogins } from './oauth-loopback'

const logins = createLoopbackLogins({ timeoutMs: 5_000 })
afterEach(() => logins.closeAll())

describe('desktop platform sign-in through a loopback redirect', () => {
  it('opens the sign-in page and hands back the code and state of the redirect', async () => {
    const { loginId, redirectUri } = await logins.begin()
    expect(redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/)
    const opened: string[] = []
    const result = logins.finish(
      loginId,
      'https://www.tiktok.com/v2/auth/authorize/?x=1',
      async (url) => {
        opened.push(url)
        // The browser, after the person signed in: redirected to us.
        const page = await fetch(`${redirectUri}?code=abc&state=xyz&scopes=video.list`)
        expect(page.status).toBe(200)
        expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
        expect(await page.text()).toContain('return to Reeldesk')
      },
    )
    await expect(result).resolves.toEqual({ code: 'abc', state: 'xyz' })
    expect(opened).toEqual(['https://www.tiktok.com/v2/auth/authorize/?x=1'])
    // One redirect only: the listener is gone.
    await new Promise((r) => setTimeout(r, 50))
    await expect(fetch(`${redirectUri}?code=again&state=again`)).rejects.toThrow()
  })

  it('reports a refused sign-in with the platform’s reason', async () => {
    const { loginId, redirectUri } = await logins.begin()
    const result = logins.finish(loginId, 'https://www.tiktok.com/', async () => {
      await fetch(`${redirectUri}?error=access_denied&error_description=User+cancelled`)
    })
    await expect(result).rejects.toThrow('access_denied (User cancelled)')
  })

  it('refuses to finish a sign-in that was never started, and gives up after the timeout', async () => {
    await expect(
      logins.finish('nope', 'https://www.tiktok.com/', async () => undefined),
    ).rejects.toThrow(/not started/)
    const quick = createLoopbackLogins({ timeoutMs: 50 })
    const { loginId } = await quick.begin()
    await expect(
      quick.finish(loginId, 'https://www.tiktok.com/', async () => undefined),
    ).rejects.toThrow(/longer than 10 minutes/)
  })
})
