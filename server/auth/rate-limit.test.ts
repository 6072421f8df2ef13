import { describe, expect, it } from 'vitest'
import { FailureWindow } from './rate-limit'

describe('FailureWindow', () => {
  it('blocks at the limit and forgets failures after the window', () => {
    let now = 1_000
    const w = new FailureWindow(3, 100, () => now)
    w.fail('a')
    w.fail('a')
    expect(w.isBlocked('a')).toBe(false)
    w.fail('a')
    expect(w.isBlocked('a')).toBe(true)
    expect(w.isBlocked('b')).toBe(false)
    expect(w.retryAfterMs('a')).toBe(100)
    now += 101
    expect(w.isBlocked('a')).toBe(false)
  })

  it('clear resets a key', () => {
    const w = new FailureWindow(1, 1000)
    w.fail('x')
    expect(w.isBlocked('x')).toBe(true)
    w.clear('x')
    expect(w.isBlocked('x')).toBe(false)
  })
})
