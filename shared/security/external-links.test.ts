import { describe, expect, it } from 'vitest'
import { checkExternalLink } from './external-links'

describe('checkExternalLink', () => {
  it('allows https links to allowlisted hosts and their subdomains', () => {
    expect(checkExternalLink('https://www.tiktok.com/@someone')).toEqual({
      ok: true,
      url: 'https://www.tiktok.com/@someone',
    })
    expect(checkExternalLink('https://docs.reeldesk.app/help').ok).toBe(true)
  })

  it.each([
    ['http', 'http://www.tiktok.com/', 'scheme http: is not allowed'],
    ['file', 'file:///etc/passwd', 'scheme file: is not allowed'],
    ['javascript', 'javascript:alert(1)', 'scheme javascript: is not allowed'],
    ['unknown host', 'https://evil.example/', 'host evil.example is not on the allowlist'],
    ['suffix trick', 'https://tiktok.com.evil.example/', 'not on the allowlist'],
    ['prefix trick', 'https://evilreeldesk.app/', 'not on the allowlist'],
    ['credentials', 'https://user:pw@reeldesk.app/', 'credentials'],
    ['custom port', 'https://reeldesk.app:8443/', 'custom port'],
    ['garbage', 'not a url', 'not a valid URL'],
  ])('refuses %s', (_label, url, reason) => {
    const verdict = checkExternalLink(url)
    expect(verdict.ok).toBe(false)
    if (!verdict.ok) expect(verdict.reason).toContain(reason)
  })
})
