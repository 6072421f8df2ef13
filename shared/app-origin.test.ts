import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, isAppUrl, parseUrl } from './app-origin'

describe('isAppUrl', () => {
  it('accepts the app entry and other app pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true)
    expect(isAppUrl('app://reeldesk/assets/index.js')).toBe(true)
    expect(isAppUrl('app://reeldesk/#/deals')).toBe(true)
  })

  it.each([
    ['look-alike host', 'app://reeldesk.evil.example/index.html'],
    ['credentials trick', 'app://reeldesk@evil.example/'],
    ['user info on our host', 'app://user:pw@reeldesk/'],
    ['port', 'app://reeldesk:8080/'],
    ['other scheme', 'https://reeldesk/index.html'],
    ['file url', 'file:///etc/passwd'],
    ['javascript url', 'javascript:alert(1)'],
    ['not a url', 'reeldesk'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => {
    expect(isAppUrl(url)).toBe(false)
  })
})

describe('parseUrl', () => {
  it('returns null instead of throwing', () => {
    expect(parseUrl('::nope')).toBeNull()
    expect(parseUrl('https://example.com/a')?.hostname).toBe('example.com')
  })
})
