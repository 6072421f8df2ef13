import { describe, expect, it } from 'vitest'
import { formatMoney, parseMoney } from './money'

describe('money input', () => {
  it.each([
    ['1500', 150_000],
    ['1,500.5', 150_050],
    ['$ 1 500.05', 150_005],
    ['0.99', 99],
  ])('%s → %i', (text, minor) => {
    expect(parseMoney(text)).toEqual({ ok: true, minor })
  })
  it.each(['', '-5', '1.234', 'abc', '1e5'])('refuses %j with a reason', (text) => {
    const out = parseMoney(text)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.error).toMatch(/amount/i)
  })
  it('formats minor units', () => {
    expect(formatMoney(150_050, 'USD')).toBe('USD 1,500.50')
  })
})
