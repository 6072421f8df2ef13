import { describe, expect, it } from 'vitest'
import { isNavigationAllowed } from './navigation'
import { isPermissionAllowed } from './permissions'

describe('navigation guard', () => {
  it('keeps the window on the app origin', () => {
    expect(isNavigationAllowed('app://reeldesk/index.html#/deals')).toBe(true)
    for (const url of [
      'https://www.tiktok.com/',
      'http://127.0.0.1:4400/',
      'file:///etc/passwd',
      'app://reeldesk.evil/',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      expect(isNavigationAllowed(url)).toBe(false)
    }
  })
})

describe('permission handler', () => {
  it('grants only what the app needs, only to the app', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://reeldesk/index.html')).toBe(true)
    expect(isPermissionAllowed('fullscreen', 'app://reeldesk/index.html')).toBe(true)
    expect(isPermissionAllowed('fullscreen', 'https://evil.example/')).toBe(false)
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'hid',
      'serial',
      'openExternal',
    ]) {
      expect(isPermissionAllowed(permission, 'app://reeldesk/index.html')).toBe(false)
    }
  })
})
